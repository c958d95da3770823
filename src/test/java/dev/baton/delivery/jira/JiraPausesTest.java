package dev.baton.delivery.jira;

import static org.assertj.core.api.Assertions.assertThat;

import dev.baton.testsupport.TestClock;
import java.time.Duration;
import java.util.UUID;
import org.junit.jupiter.api.Test;

class JiraPausesTest {

  final TestClock clock = new TestClock();
  final JiraPauses pauses = new JiraPauses(clock, new JiraProperties(false, null, null, null));
  final UUID site = UUID.randomUUID();
  final UUID otherSite = UUID.randomUUID();

  @Test
  void aPerIssueLimitPausesOnlyThatIssueUntilItsWaitIsOver() {
    pauses.limited(site, "PROJ-1", "jira-per-issue-on-write", Duration.ofSeconds(30));

    assertThat(pauses.current(site, "PROJ-1"))
        .hasValueSatisfying(
            p -> {
              assertThat(p.remaining()).isEqualTo(Duration.ofSeconds(30));
              assertThat(p.scope()).isEqualTo("issue PROJ-1");
            });
    assertThat(pauses.current(site, "PROJ-2")).isEmpty();
    assertThat(pauses.current(otherSite, "PROJ-1")).isEmpty();

    clock.advance(Duration.ofSeconds(20));
    assertThat(pauses.current(site, "PROJ-1").orElseThrow().remaining())
        .isEqualTo(Duration.ofSeconds(10));
    clock.advance(Duration.ofSeconds(10));
    assertThat(pauses.current(site, "PROJ-1")).isEmpty();
  }

  @Test
  void aQuotaOrBurstLimitPausesEveryIssueOfTheSite() {
    pauses.limited(site, "PROJ-1", "jira-quota-tenant-based", Duration.ofMinutes(2));

    assertThat(pauses.current(site, "PROJ-9").orElseThrow().scope()).isEqualTo("the Jira site");
    assertThat(pauses.current(otherSite, "PROJ-9")).isEmpty();

    pauses.limited(otherSite, "X-1", "jira-burst-based", Duration.ofSeconds(1));
    assertThat(pauses.current(otherSite, "X-2")).isPresent();
  }

  @Test
  void aLimitWithoutAReasonPausesTheSiteAndWithoutAWaitForTheDefaultPause() {
    Duration pause = pauses.limited(site, "PROJ-1", null, null);

    assertThat(pause).isEqualTo(JiraProperties.RATE_LIMIT_PAUSE);
    assertThat(pauses.current(site, "PROJ-2").orElseThrow().remaining())
        .isEqualTo(JiraProperties.RATE_LIMIT_PAUSE);
  }

  @Test
  void theLongerOfTheSiteAndIssuePausesHolds() {
    pauses.limited(site, "PROJ-1", "jira-per-issue-on-write", Duration.ofSeconds(40));
    pauses.limited(site, "PROJ-1", "jira-quota-global-based", Duration.ofSeconds(10));

    assertThat(pauses.current(site, "PROJ-1").orElseThrow().remaining())
        .isEqualTo(Duration.ofSeconds(40));
    // a shorter later wait does not cut a pause short
    pauses.limited(site, "PROJ-1", "jira-per-issue-on-write", Duration.ofSeconds(5));
    assertThat(pauses.current(site, "PROJ-1").orElseThrow().remaining())
        .isEqualTo(Duration.ofSeconds(40));
    assertThat(pauses.current(site, "PROJ-2").orElseThrow().remaining())
        .isEqualTo(Duration.ofSeconds(10));
  }

  @Test
  void overPausesAreForgottenWhenTheNextLimitComes() {
    pauses.limited(site, "PROJ-1", "jira-per-issue-on-write", Duration.ofSeconds(5));
    pauses.limited(site, "PROJ-2", "jira-per-issue-on-write", Duration.ofSeconds(5));
    clock.advance(Duration.ofSeconds(6));

    pauses.limited(site, "PROJ-3", "jira-per-issue-on-write", Duration.ofSeconds(5));

    assertThat(pauses.size()).isEqualTo(1);
  }
}
