package dev.baton.delivery.webhook;

import static org.assertj.core.api.Assertions.assertThat;

import com.standardwebhooks.Webhook;
import java.net.http.HttpHeaders;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** Signing per Standard Webhooks, checked against the specification's published test vector. */
class WebhookSignatureTest {

  static final String VECTOR_ID = "msg_p5jXN8AQM9LWM0D4loKWxJek";
  static final long VECTOR_TIMESTAMP = 1614265330L;
  static final String VECTOR_SECRET = "whsec_MfKQ9r8GKYqrTwjUPD8ILPZIo2LaLaSw";
  static final String VECTOR_BODY = "{\"test\": 2432232314}";

  @Test
  void signsThePublishedTestVector() {
    assertThat(
            WebhookSignature.header(
                List.of(VECTOR_SECRET), VECTOR_ID, VECTOR_TIMESTAMP, VECTOR_BODY))
        .isEqualTo("v1,g0hM9SsE+OTPJTGt/tmIKtSyZlE3uFJELVlNIOLJ1OE=");
  }

  @Test
  void twoSecretsGiveTwoSpaceSeparatedSignaturesEitherOfWhichVerifies() throws Exception {
    String other = SubscriptionSecrets.generate();
    String header =
        WebhookSignature.header(
            List.of(VECTOR_SECRET, other), VECTOR_ID, VECTOR_TIMESTAMP, VECTOR_BODY);

    assertThat(header.split(" "))
        .containsExactly(
            "v1,g0hM9SsE+OTPJTGt/tmIKtSyZlE3uFJELVlNIOLJ1OE=",
            WebhookSignature.header(List.of(other), VECTOR_ID, VECTOR_TIMESTAMP, VECTOR_BODY));
    // the library checks the timestamp against now: verify with a fresh one instead
    long now = System.currentTimeMillis() / 1000;
    String fresh = WebhookSignature.header(List.of(VECTOR_SECRET, other), VECTOR_ID, now, "{}");
    HttpHeaders freshHeaders =
        HttpHeaders.of(
            Map.of(
                "webhook-id", List.of(VECTOR_ID),
                "webhook-timestamp", List.of(Long.toString(now)),
                "webhook-signature", List.of(fresh)),
            (a, b) -> true);
    new Webhook(VECTOR_SECRET).verify("{}", freshHeaders);
    new Webhook(other).verify("{}", freshHeaders);
  }
}
