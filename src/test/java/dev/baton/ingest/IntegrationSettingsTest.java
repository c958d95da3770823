package dev.baton.ingest;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.baton.platform.BatonException;
import java.net.URI;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/** Integration settings, secret formats and inbox settings, checked before anything is stored. */
class IntegrationSettingsTest {

  @ParameterizedTest
  @CsvSource(
      delimiter = '|',
      value = {
        "github | It's a Secret to Everybody | true",
        "github | ' padded' | false",
        "github | '' | false",
        "gitlab | glpat-token_123 | true",
        "gitlab | caf\u00e9 | false",
        "alertmanager | user:password | true",
        "slack | 8f742231b10e8888abcd99yyyzzz85a5 | true",
        "standard-webhooks | whsec_MfKQ9r8GKYqrTwjUPD8ILPZIo2LaLaSw | true",
        "standard-webhooks | MfKQ9r8GKYqrTwjUPD8ILPZIo2LaLaSw | false",
        "generic | whsec_c2hvcnQ= | false",
        "generic | whsec_not*base64 | false",
      })
  void secretsAreCheckedInTheProvidersFormat(String provider, String secret, boolean usable) {
    assertThat(SecretFormats.problem(Provider.parse(provider), secret) == null).isEqualTo(usable);
  }

  @Test
  void everySecretTheFormatsAcceptTheVerifierCanUse() {
    Instant now = Instant.parse("2026-03-02T09:00:00Z");
    for (Provider provider : Provider.values()) {
      String secret = Senders.secret(provider, 1);
      assertThat(SecretFormats.problem(provider, secret)).as("%s", provider).isNull();
      byte[] body = Senders.fixture(provider);
      Map<String, List<String>> headers = new java.util.LinkedHashMap<>();
      Senders.signed(provider, secret, body, now).forEach((k, v) -> headers.put(k, List.of(v)));
      assertThat(
              Verifiers.forProvider(provider)
                  .verify(WebhookHeaders.of(headers), body, List.of(secret), now)
                  .deliveryId())
          .as("%s", provider)
          .isNotBlank();
    }
  }

  @Test
  void aNewIntegrationTakesDefaults() {
    IntegrationChecks.Checked checked =
        IntegrationChecks.forCreate(
            new IntegrationRequest(
                "github", "acme-github", List.of("secret"), null, null, null, null, null, null));

    assertThat(checked.provider()).isEqualTo(Provider.GITHUB);
    assertThat(checked.enabled()).isTrue();
    assertThat(checked.events()).isEmpty();
    assertThat(checked.maxBodySize()).isEqualTo(1024 * 1024);
    assertThat(checked.botToken()).isNull();
    assertThat(checked.mapping()).isNull();
    assertThat(checked.mode()).isEqualTo("on");
  }

  @Test
  void onlyASlackIntegrationTakesAModeAndOnlyOnShadowOrOff() {
    IntegrationChecks.Checked shadow =
        IntegrationChecks.forCreate(
            new IntegrationRequest(
                "slack", "acme-slack", List.of("secret"), null, null, null, null, null, "shadow"));
    assertThat(shadow.mode()).isEqualTo("shadow");

    assertThatThrownBy(
            () ->
                IntegrationChecks.forCreate(
                    new IntegrationRequest(
                        "slack", "acme-slack", List.of("s"), null, null, null, null, null, "dry")))
        .isInstanceOfSatisfying(
            BatonException.InvalidInput.class,
            e ->
                assertThat(e.errors())
                    .extracting(BatonException.FieldProblem::message)
                    .containsExactly("must be one of on, shadow, off"));
    assertThatThrownBy(
            () ->
                IntegrationChecks.forCreate(
                    new IntegrationRequest(
                        "jira", "acme-jira", List.of("s"), null, null, null, null, null, "off")))
        .isInstanceOfSatisfying(
            BatonException.InvalidInput.class,
            e ->
                assertThat(e.errors())
                    .extracting(BatonException.FieldProblem::field)
                    .containsExactly("mode"));
  }

  @Test
  void aChangeKeepsWhatItDoesNotName() {
    IntegrationRows.Stored before =
        new IntegrationRows.Stored(
            "acme",
            UUID.randomUUID(),
            Provider.GENERIC,
            "ops",
            false,
            List.of("a", "b"),
            2048,
            Map.of("externalId", "/id"),
            null,
            "on",
            3,
            Instant.EPOCH,
            Instant.EPOCH);

    IntegrationChecks.Checked checked =
        IntegrationChecks.forChange(
            before,
            new IntegrationRequest(null, null, null, true, null, null, null, Map.of(), null));

    assertThat(checked.name()).isEqualTo("ops");
    assertThat(checked.enabled()).isTrue();
    assertThat(checked.events()).containsExactly("a", "b");
    assertThat(checked.maxBodySize()).isEqualTo(2048);
    assertThat(checked.mapping()).isNull();
  }

  @Test
  void everyBadFieldIsNamedAtOnce() {
    assertThatThrownBy(
            () ->
                IntegrationChecks.forCreate(
                    new IntegrationRequest(
                        "github",
                        "Not A Slug",
                        List.of("same", "same"),
                        null,
                        List.of("ok", " "),
                        26L * 1024 * 1024,
                        "xoxp-user-token",
                        Map.of("title", "/t"),
                        "shadow")))
        .isInstanceOfSatisfying(
            BatonException.InvalidInput.class,
            e ->
                assertThat(e.errors())
                    .extracting(BatonException.FieldProblem::field)
                    .containsExactlyInAnyOrder(
                        "name",
                        "secrets",
                        "events[1]",
                        "maxBodySize",
                        "botToken",
                        "botToken",
                        "mapping",
                        "mode"));
  }

  @Test
  void backoffRepeatsItsLastWait() {
    IngestProperties.Inbox inbox = IngestProperties.Inbox.DEFAULTS;

    assertThat(inbox.backoffAfter(1)).isEqualTo(Duration.ofSeconds(1));
    assertThat(inbox.backoffAfter(4)).isEqualTo(Duration.ofMinutes(2));
    assertThat(inbox.backoffAfter(9)).isEqualTo(Duration.ofMinutes(10));
    assertThat(inbox.maxAttempts()).isEqualTo(5);
    assertThat(inbox.retention()).isEqualTo(Duration.ofDays(7));
  }

  @Test
  void thePublicUrlIsAnAbsoluteHttpUrlOrUnset() {
    assertThat(new IngestProperties(URI.create(""), IngestProperties.Inbox.DEFAULTS).publicUrl())
        .isNull();
    assertThat(
            new IngestProperties(
                    URI.create("https://baton.example.com"), IngestProperties.Inbox.DEFAULTS)
                .publicUrl())
        .hasToString("https://baton.example.com");
    assertThatThrownBy(
            () ->
                new IngestProperties(
                    URI.create("baton.example.com"), IngestProperties.Inbox.DEFAULTS))
        .isInstanceOf(IllegalArgumentException.class);
    assertThatThrownBy(
            () -> new IngestProperties(URI.create("ftp://baton"), IngestProperties.Inbox.DEFAULTS))
        .isInstanceOf(IllegalArgumentException.class);
  }
}
