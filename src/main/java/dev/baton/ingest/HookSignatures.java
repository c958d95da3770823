package dev.baton.ingest;

import java.nio.charset.StandardCharsets;
import java.util.HexFormat;

/**
 * The signature headers vendors put on the webhooks Baton verifies, computed the way the vendors
 * compute them: for senders of real signed deliveries to Baton's own hooks (the demo's traffic and
 * the load generators). The verifiers check with the same HMAC.
 */
public final class HookSignatures {

  private HookSignatures() {}

  /** GitHub's {@code X-Hub-Signature-256} (and Jira's {@code X-Hub-Signature}): {@code sha256=}. */
  public static String sha256(String secret, byte[] body) {
    return "sha256=" + hex(secret, body);
  }

  /** Slack's {@code X-Slack-Signature} over {@code v0:<timestamp>:<body>}. */
  public static String slack(String signingSecret, long timestamp, byte[] body) {
    return "v0="
        + hex(signingSecret, ("v0:" + timestamp + ":").getBytes(StandardCharsets.UTF_8), body);
  }

  private static String hex(String secret, byte[]... parts) {
    return HexFormat.of()
        .formatHex(Verifiers.hmacSha256(secret.getBytes(StandardCharsets.UTF_8), parts));
  }
}
