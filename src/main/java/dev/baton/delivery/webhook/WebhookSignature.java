package dev.baton.delivery.webhook;

import com.standardwebhooks.Webhook;
import com.standardwebhooks.exceptions.EmptyWebhookSecretException;
import com.standardwebhooks.exceptions.WebhookSigningException;
import java.util.List;
import java.util.stream.Collectors;

/**
 * The Standard Webhooks {@code webhook-signature} header: {@code v1,<base64 HMAC-SHA256>} of {@code
 * <id>.<timestamp>.<body>} for each active secret, space-separated, so a receiver holding either
 * secret verifies during a rotation.
 */
final class WebhookSignature {

  private WebhookSignature() {}

  static String header(List<String> secrets, String messageId, long timestamp, String body) {
    return secrets.stream()
        .map(secret -> sign(secret, messageId, timestamp, body))
        .collect(Collectors.joining(" "));
  }

  private static String sign(String secret, String messageId, long timestamp, String body) {
    try {
      return new Webhook(secret).sign(messageId, timestamp, body);
    } catch (EmptyWebhookSecretException | WebhookSigningException e) {
      // only checked secrets are stored; reaching here is a fault of the stored row
      throw new IllegalStateException("a subscription secret cannot sign", e);
    }
  }
}
