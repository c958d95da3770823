package dev.baton.ingest;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.baton.platform.BatonException;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.EnumSource;
import org.junit.jupiter.params.provider.ValueSource;

class ProviderTest {

  @ParameterizedTest
  @CsvSource({
    "github, GITHUB",
    "gitlab, GITLAB",
    "jira, JIRA",
    "slack, SLACK",
    "pagerduty, PAGERDUTY",
    "alertmanager, ALERTMANAGER",
    "standard-webhooks, STANDARD_WEBHOOKS",
    "generic, GENERIC"
  })
  void parsesEachWireName(String wireName, Provider provider) {
    assertThat(Provider.parse(wireName)).isEqualTo(provider);
    assertThat(provider.wireName()).isEqualTo(wireName);
  }

  @ParameterizedTest
  @ValueSource(strings = {"GitHub", "STANDARD_WEBHOOKS", "bitbucket", ""})
  void refusesAnythingElseListingTheAllowedNames(String wireName) {
    assertThatThrownBy(() -> Provider.parse(wireName))
        .isInstanceOfSatisfying(
            BatonException.InvalidInput.class,
            e -> assertThat(e.errors()).singleElement().extracting("field").isEqualTo("provider"))
        .hasMessageContaining(
            "github, gitlab, jira, slack, pagerduty, alertmanager, standard-webhooks, generic");
  }

  @ParameterizedTest
  @EnumSource(Provider.class)
  void everyProviderHasAVerifier(Provider provider) {
    assertThat(Verifiers.forProvider(provider)).isNotNull();
  }
}
