package dev.baton.ingest;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.baton.platform.BatonException;
import org.junit.jupiter.api.Test;

class ParsersTest {

  @Test
  void everyProviderHasAParserThatSaysWhichItIs() {
    for (String provider : Parsers.PROVIDERS) {
      assertThat(Parsers.forProvider(provider).provider()).isEqualTo(provider);
    }
  }

  @Test
  void anUnknownProviderIsRefused() {
    assertThatThrownBy(() -> Parsers.forProvider("bitbucket"))
        .isInstanceOf(BatonException.InvalidInput.class)
        .hasMessageContaining("unknown provider 'bitbucket'");
  }

  @Test
  void vendorTimestampsInEveryShapeReadAsTheSameInstant() {
    long expected = VendorFixtures.millis("2019-02-16T03:01:52.971Z");

    assertThat(PayloadReader.epochMillis("2019-02-16T03:01:52.971Z")).isEqualTo(expected);
    assertThat(PayloadReader.epochMillis("2019-02-15T19:01:52.971-0800")).isEqualTo(expected);
    assertThat(PayloadReader.epochMillis("2019-02-15T19:01:52.971-08:00")).isEqualTo(expected);
    assertThat(PayloadReader.epochMillis("2019-02-16T03:01:52.971123456Z")).isEqualTo(expected);
    assertThat(PayloadReader.epochMillis("2019-02-16 03:01:52.971 UTC")).isEqualTo(expected);
    assertThat(PayloadReader.epochMillis("2019-02-16 04:01:52.971 +0100")).isEqualTo(expected);
  }
}
