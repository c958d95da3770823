package dev.baton.ingest;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.junit.jupiter.api.Assumptions.assumeTrue;
import static org.junit.jupiter.api.DynamicTest.dynamicTest;

import dev.baton.platform.BatonException;
import java.time.Instant;
import java.util.Arrays;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.stream.Stream;
import org.junit.jupiter.api.DynamicTest;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestFactory;

/**
 * What every provider's verifier must do, subclassed once per provider: each supplies a signed
 * request, its required headers and some malformed values for them.
 */
abstract class WebhookVerifierContract {

  static final Instant NOW = Instant.ofEpochSecond(1_700_000_000);

  abstract WebhookVerifier verifier();

  /** Two distinct secrets in the provider's format: the one being retired and its successor. */
  abstract String oldSecret();

  abstract String newSecret();

  abstract byte[] body();

  /**
   * Headers of a request carrying {@code body} that {@code secret} authenticates at {@link #NOW}.
   */
  abstract Map<String, List<String>> headersSignedWith(String secret, byte[] body);

  abstract List<String> requiredHeaders();

  /** Header name and a value for it that is not in the provider's format. */
  abstract List<Map.Entry<String, String>> malformedHeaders();

  /** False for providers that present a token instead of signing the body. */
  boolean signsBody() {
    return true;
  }

  WebhookVerifier.Verified verify(
      Map<String, List<String>> headers, byte[] body, String... secrets) {
    return verifier().verify(WebhookHeaders.of(headers), body, List.of(secrets), NOW);
  }

  @Test
  void acceptsARequestTheActiveSecretAuthenticates() {
    var verified = verify(headersSignedWith(newSecret(), body()), body(), newSecret());

    assertThat(verified.deliveryId()).isNotBlank();
  }

  @Test
  void refusesARequestAnotherSecretAuthenticates() {
    assertThatThrownBy(() -> verify(headersSignedWith(oldSecret(), body()), body(), newSecret()))
        .isExactlyInstanceOf(SignatureRejected.class);
  }

  @Test
  void refusesABodyWithOneByteChanged() {
    assumeTrue(signsBody(), "this provider presents a token and does not sign the body");
    byte[] changed = Arrays.copyOf(body(), body().length);
    changed[changed.length / 2] ^= 0x01;

    assertThatThrownBy(() -> verify(headersSignedWith(newSecret(), body()), changed, newSecret()))
        .isExactlyInstanceOf(SignatureRejected.class);
  }

  @Test
  void acceptsOldAndNewSecretWhileRotatingThenOnlyTheNew() {
    var signedWithOld = headersSignedWith(oldSecret(), body());
    var signedWithNew = headersSignedWith(newSecret(), body());

    assertThat(verify(signedWithOld, body(), oldSecret(), newSecret())).isNotNull();
    assertThat(verify(signedWithNew, body(), oldSecret(), newSecret())).isNotNull();
    assertThat(verify(signedWithNew, body(), newSecret())).isNotNull();
    assertThatThrownBy(() -> verify(signedWithOld, body(), newSecret()))
        .isInstanceOf(SignatureRejected.class);
  }

  @Test
  void readsHeaderNamesWhateverTheirCase() {
    Map<String, List<String>> lower = new HashMap<>();
    headersSignedWith(newSecret(), body())
        .forEach((name, values) -> lower.put(name.toLowerCase(Locale.ROOT), values));

    assertThat(verify(lower, body(), newSecret())).isNotNull();
  }

  @Test
  void neverNamesASecretOrSignatureInTheRefusal() {
    var headers = headersSignedWith(oldSecret(), body());

    assertThatThrownBy(() -> verify(headers, body(), newSecret()))
        .satisfies(
            e -> {
              assertThat(e.getMessage()).doesNotContain(oldSecret()).doesNotContain(newSecret());
              for (List<String> values : headers.values()) {
                values.stream()
                    .filter(v -> v.length() > 20)
                    .forEach(v -> assertThat(e.getMessage()).doesNotContain(v));
              }
            });
  }

  @Test
  void refusesMoreThanTwoOrNoSecretsAsAConfigurationFault() {
    var headers = headersSignedWith(newSecret(), body());

    assertThatThrownBy(() -> verify(headers, body())).isInstanceOf(IllegalArgumentException.class);
    assertThatThrownBy(() -> verify(headers, body(), oldSecret(), newSecret(), newSecret()))
        .isInstanceOf(IllegalArgumentException.class);
  }

  @TestFactory
  Stream<DynamicTest> aMissingRequiredHeaderIsABadRequestNamingIt() {
    return requiredHeaders().stream()
        .map(
            header ->
                dynamicTest(
                    "without " + header,
                    () -> {
                      var headers = headersSignedWith(newSecret(), body());
                      headers.remove(header);

                      assertThatThrownBy(() -> verify(headers, body(), newSecret()))
                          .isInstanceOf(BatonException.BadRequest.class)
                          .hasMessageContaining(header);
                    }));
  }

  @TestFactory
  Stream<DynamicTest> aMalformedHeaderIsABadRequestNamingIt() {
    return malformedHeaders().stream()
        .map(
            bad ->
                dynamicTest(
                    bad.getKey() + ": " + bad.getValue(),
                    () -> {
                      var headers = headersSignedWith(newSecret(), body());
                      headers.put(bad.getKey(), List.of(bad.getValue()));

                      assertThatThrownBy(() -> verify(headers, body(), newSecret()))
                          .isInstanceOf(BatonException.BadRequest.class)
                          .hasMessageContaining(bad.getKey());
                    }));
  }
}
