package dev.baton.routing;

import static dev.baton.routing.Fixtures.decide;
import static dev.baton.routing.Fixtures.item;
import static dev.baton.routing.Fixtures.policy;
import static dev.baton.testsupport.Rosters.person;
import static dev.baton.testsupport.Rosters.roster;
import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.params.provider.Arguments.arguments;

import dev.baton.policy.CompiledPolicy;
import dev.baton.testsupport.Rosters;
import java.time.DayOfWeek;
import java.time.LocalTime;
import java.time.ZoneId;
import java.time.ZonedDateTime;
import java.util.EnumSet;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/** The filters before scoring, each with the reason the decision records. Monday 12:00 UTC. */
class EligibilityTest {

  private static final CompiledPolicy DIRECT =
      policy("- { name: direct, assign: { person: p } }", "fallback: { queue: triage }");

  static Stream<Arguments> people() {
    return Stream.of(
        arguments("available", person("p"), List.of()),
        arguments(
            "Berlin office hours (13:00)",
            person("p").zone("Europe/Berlin").weekdays("09:00", "17:00"),
            List.of()),
        arguments(
            "New York before hours (07:00)",
            person("p").zone("America/New_York").weekdays("09:00", "17:00"),
            List.of("outside working hours (America/New_York Mon 07:00)")),
        arguments(
            "Tokyo after hours (21:00)",
            person("p").zone("Asia/Tokyo").weekdays("09:00", "17:00"),
            List.of("outside working hours (Asia/Tokyo Mon 21:00)")),
        arguments(
            "Berlin late shift ending 12:30 UTC+1 (13:00)",
            person("p").zone("Europe/Berlin").weekdays("06:00", "12:30"),
            List.of("outside working hours (Europe/Berlin Mon 13:00)")),
        arguments(
            "Sydney night shift (23:00)",
            person("p").zone("Australia/Sydney").weekdays("22:00", "06:00"),
            List.of()),
        arguments(
            "unknown time zone",
            person("p").zone("Mars/Olympus").weekdays("09:00", "17:00"),
            List.of("unknown time zone Mars/Olympus")),
        arguments(
            "on time off",
            person("p").off("2026-01-05T00:00:00Z", "2026-01-07T00:00:00Z"),
            List.of("on time off until 2026-01-07T00:00:00Z")),
        arguments(
            "time off ended",
            person("p").off("2026-01-01T00:00:00Z", "2026-01-05T12:00:00Z"),
            List.of()),
        arguments(
            "time off not begun",
            person("p").off("2026-01-05T12:00:01Z", "2026-01-06T00:00:00Z"),
            List.of()),
        arguments(
            "at capacity",
            person("p").maxOpen(5).open("P3", 2).open("P4", 3),
            List.of("at capacity 5/5")),
        arguments("below capacity", person("p").maxOpen(5).open("P3", 4), List.of()),
        arguments(
            "at the P1 cap",
            person("p").maxOpen("P1", 1).open("P1", 1),
            List.of("at P1 capacity 1/1")),
        arguments(
            "a P2 cap does not apply to a P1",
            person("p").maxOpen("P2", 1).open("P2", 3),
            List.of()),
        arguments("not active", person("p").inactive(), List.of("not active")),
        arguments(
            "every reason at once",
            person("p")
                .inactive()
                .maxOpen(1)
                .open("P1", 1)
                .off("2026-01-01T00:00:00Z", "2026-02-01T00:00:00Z"),
            List.of("not active", "on time off until 2026-02-01T00:00:00Z", "at capacity 1/1")));
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("people")
  void filtersRecordTheirReasons(
      String caseName, Rosters.PersonBuilder person, List<String> reasons) {
    Decision decision = decide(DIRECT, item("priority", "P1"), roster().with(person).build());

    if (reasons.isEmpty()) {
      assertThat(decision.owner()).as(caseName).isEqualTo("person:p");
      assertThat(decision.rejected()).isEmpty();
    } else {
      assertThat(decision.owner()).as(caseName).isEqualTo("queue:triage");
      assertThat(decision.rejected())
          .containsExactly(new Decision.Rejection("direct", "p", reasons));
    }
  }

  @Test
  void declinedPeopleAreExcluded() {
    Decision decision = decide(DIRECT, item(), roster().with(person("p")).build(), "p");

    assertThat(decision.rejected())
        .containsExactly(new Decision.Rejection("direct", "p", List.of("declined")));
  }

  @Test
  void unknownPeopleAreRejected() {
    Decision decision = decide(DIRECT, item(), roster().build());

    assertThat(decision.rejected())
        .containsExactly(new Decision.Rejection("direct", "p", List.of("unknown person")));
  }

  @Test
  void declinedOnCallFallsThroughToTheNextRule() {
    CompiledPolicy onCall =
        policy(
            """
            - { name: oncall, assign: { schedule: ops } }
            - { name: backup, assign: { person: q } }
            """);
    Rosters roster = roster().with(person("p"), person("q")).onCall("ops", "p");

    Decision decision = decide(onCall, item(), roster.build(), "p");
    Decision nobody =
        decide(onCall, item(), roster().with(person("q")).onCall("ops", null).build());

    assertThat(decision.owner()).isEqualTo("person:q");
    assertThat(decision.rejected())
        .containsExactly(new Decision.Rejection("oncall", "p", List.of("declined")));
    assertThat(nobody.path().get(0).result()).isEqualTo("nobody is on call for ops");
    assertThat(nobody.owner()).isEqualTo("person:q");
  }

  @Test
  void nightShiftsBelongToTheDayTheyStart() {
    var hours =
        new RosterSnapshot.WorkingHours(
            EnumSet.of(DayOfWeek.FRIDAY), LocalTime.parse("22:00"), LocalTime.parse("06:00"));
    ZoneId utc = ZoneId.of("UTC");

    assertThat(Eligibility.within(hours, ZonedDateTime.of(2026, 1, 9, 23, 0, 0, 0, utc))).isTrue();
    assertThat(Eligibility.within(hours, ZonedDateTime.of(2026, 1, 10, 5, 59, 0, 0, utc))).isTrue();
    assertThat(Eligibility.within(hours, ZonedDateTime.of(2026, 1, 10, 6, 0, 0, 0, utc))).isFalse();
    assertThat(Eligibility.within(hours, ZonedDateTime.of(2026, 1, 9, 5, 0, 0, 0, utc))).isFalse();
    assertThat(Eligibility.within(hours, ZonedDateTime.of(2026, 1, 10, 23, 0, 0, 0, utc)))
        .isFalse();
  }

  @Test
  void workingHoursFollowDaylightSavingTime() {
    var office =
        new RosterSnapshot.WorkingHours(
            EnumSet.range(DayOfWeek.MONDAY, DayOfWeek.FRIDAY),
            LocalTime.parse("09:00"),
            LocalTime.parse("17:00"));
    ZoneId berlin = ZoneId.of("Europe/Berlin");

    // 07:30 UTC is 08:30 in Berlin in winter (outside) and 09:30 in summer (inside)
    assertThat(
            Eligibility.within(
                office, java.time.Instant.parse("2026-01-05T07:30:00Z").atZone(berlin)))
        .isFalse();
    assertThat(
            Eligibility.within(
                office, java.time.Instant.parse("2026-07-06T07:30:00Z").atZone(berlin)))
        .isTrue();
  }
}
