package dev.baton.policy;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/** Decision functions live behind https; plain http only on loopback, and only when allowed. */
class FunctionUrlsTest {

  @Test
  void httpsIsAccepted() {
    assertThat(FunctionUrls.problem("https://fn.example.com/triage?x=1", false)).isNull();
  }

  @ParameterizedTest
  @ValueSource(strings = {"http://127.0.0.1:8080/fn", "http://localhost/fn", "http://[::1]:9/fn"})
  void loopbackHttpOnlyWhenAllowed(String url) {
    assertThat(FunctionUrls.problem(url, true)).isNull();
    assertThat(FunctionUrls.problem(url, false)).contains("must use https");
  }

  @Test
  void httpElsewhereIsRefusedEvenWhenLoopbackIsAllowed() {
    assertThat(FunctionUrls.problem("http://fn.example.com/triage", true)).contains("https");
    assertThat(FunctionUrls.problem("http://10.0.0.1/triage", true)).contains("https");
  }

  @Test
  void otherShapesAreRefusedWithTheReason() {
    assertThat(FunctionUrls.problem("ftp://fn.example.com/x", false)).contains("https");
    assertThat(FunctionUrls.problem("/relative", false)).contains("absolute");
    assertThat(FunctionUrls.problem("https://u:p@fn.example.com/", false)).contains("credentials");
    assertThat(FunctionUrls.problem("https://fn.example.com/#x", false)).contains("fragment");
    assertThat(FunctionUrls.problem("https://exa mple.com/", false)).contains("not a valid URL");
  }
}
