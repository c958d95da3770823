package dev.baton.audit;

import dev.baton.platform.Actor;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.Instant;
import java.util.HexFormat;
import java.util.UUID;
import org.jspecify.annotations.Nullable;

/**
 * The hash of an entry: SHA-256 over the previous entry's hash and every stored field, each
 * length-prefixed so no two different entries can serialise alike. Pure, so verification and
 * appending compute it the same way.
 */
final class AuditChain {

  static final String GENESIS = "0".repeat(64);

  private AuditChain() {}

  static String hash(
      String tenantId,
      long seq,
      UUID id,
      Instant at,
      Actor actor,
      String source,
      String correlationId,
      String subjectType,
      String subjectId,
      String action,
      @Nullable String reason,
      @Nullable String beforeJson,
      @Nullable String afterJson,
      String prevHash) {
    MessageDigest sha = sha256();
    for (String field :
        new String[] {
          prevHash,
          tenantId,
          Long.toString(seq),
          id.toString(),
          Long.toString(at.getEpochSecond()) + "." + at.getNano() / 1000,
          actor.type(),
          actor.id(),
          actor.via(),
          source,
          correlationId,
          subjectType,
          subjectId,
          action,
          reason,
          beforeJson,
          afterJson
        }) {
      if (field == null) {
        sha.update("-1:".getBytes(StandardCharsets.UTF_8));
      } else {
        byte[] bytes = field.getBytes(StandardCharsets.UTF_8);
        sha.update((bytes.length + ":").getBytes(StandardCharsets.UTF_8));
        sha.update(bytes);
      }
    }
    return HexFormat.of().formatHex(sha.digest());
  }

  private static MessageDigest sha256() {
    try {
      return MessageDigest.getInstance("SHA-256");
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException(e);
    }
  }
}
