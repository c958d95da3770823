package dev.baton.delivery.webhook;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.ValueSource;

class EventPatternsTest {

  @ParameterizedTest(name = "{0} matches {1}: {2}")
  @CsvSource({
    "assignment.routed, assignment.routed, true",
    "assignment.routed, assignment.accepted, false",
    "assignment.*, assignment.routed, true",
    "assignment.*, assignment.escalated, true",
    "assignment.*, assignments.routed, false",
    "assignment.*, work-item.created, false",
    "*, assignment.routed, true",
    "*, subscription.disabled, true",
    "*, delivery.failed, false",
    "delivery.*, delivery.failed, true",
    "delivery.failed, delivery.failed, true",
    "delivery.failed, delivery.recovered, false"
  })
  void matchesExactTypesPrefixWildcardsAndStarButNotOperationalEventsThroughStar(
      String pattern, String type, boolean matches) {
    assertThat(EventPatterns.matches(pattern, type)).isEqualTo(matches);
  }

  @ParameterizedTest
  @ValueSource(strings = {"*", "assignment.routed", "assignment.*", "work-item.created", "a.b.*"})
  void acceptsValidPatterns(String pattern) {
    assertThat(EventPatterns.problem(pattern)).isNull();
  }

  @ParameterizedTest
  @ValueSource(
      strings = {"", "assignment*", "*.routed", "assignment.", "Assignment.routed", "a..b"})
  void refusesInvalidPatterns(String pattern) {
    assertThat(EventPatterns.problem(pattern)).isNotNull();
  }

  @ParameterizedTest
  @ValueSource(strings = {"assignment.routed", "work-item.created"})
  void aListMatchesWhenAnyPatternDoes(String type) {
    assertThat(EventPatterns.matches(List.of("assignment.*", "work-item.created"), type)).isTrue();
  }
}
