package dev.baton.platform;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class CorrelationTest {

  @Test
  void takesTheTraceIdOfAW3cTraceparent() {
    assertThat(Correlation.traceIdOf("00-4bf92f3577b34da6a3ce929d0e0e4736-00f067aa0ba902b7-01"))
        .isEqualTo("4bf92f3577b34da6a3ce929d0e0e4736");
  }

  @Test
  void ignoresMalformedOrAllZeroTraceparents() {
    assertThat(Correlation.traceIdOf("garbage")).isNull();
    assertThat(Correlation.traceIdOf("00-XYZ-00f067aa0ba902b7-01")).isNull();
    assertThat(Correlation.traceIdOf("00-00000000000000000000000000000000-00f067aa0ba902b7-01"))
        .isNull();
    assertThat(Correlation.traceIdOf(null)).isNull();
  }

  @Test
  void acceptsOnlyModestCallerSuppliedIds() {
    assertThat(Correlation.acceptable("req-123.abc:9")).isTrue();
    assertThat(Correlation.acceptable("has space")).isFalse();
    assertThat(Correlation.acceptable("x".repeat(129))).isFalse();
  }
}
