package dev.baton.policy;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.Base64;
import org.junit.jupiter.api.Test;

/** Signing secrets are Standard Webhooks keys: whsec_ and base64 of 24 to 64 bytes. */
class SigningSecretTest {

  @Test
  void drawnSecretsAreValidAndDistinct() {
    String one = SigningSecret.generate();
    String two = SigningSecret.generate();

    assertThat(one).startsWith("whsec_").isNotEqualTo(two);
    assertThat(SigningSecret.problem(one)).isNull();
    assertThat(Base64.getDecoder().decode(one.substring(6))).hasSize(32);
  }

  @Test
  void secretsOfTheWrongShapeAreRefused() {
    String shortKey = "whsec_" + Base64.getEncoder().encodeToString(new byte[8]);

    assertThat(SigningSecret.problem("secret")).contains("whsec_");
    assertThat(SigningSecret.problem("whsec_***")).contains("does not decode");
    assertThat(SigningSecret.problem(shortKey)).contains("24 to 64 bytes");
  }
}
