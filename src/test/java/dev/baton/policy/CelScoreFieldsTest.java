package dev.baton.policy;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.Set;
import org.junit.jupiter.api.Test;

class CelScoreFieldsTest {

  @Test
  void fieldsSelectedFromTheCandidateAreTheOnesItReads() throws Exception {
    assertThat(
            CelEnvironment.candidateFields(
                "(has(candidate.skills.go) ? double(candidate.skills.go) : 0.0)"
                    + " - candidate.load * 0.5 + (item.priority == \"P1\" ? 1.0 : 0.0)"))
        .isEqualTo(Set.of("skills", "load"));
  }

  @Test
  void anExpressionThatReadsNoCandidateFieldNeedsNone() throws Exception {
    assertThat(CelEnvironment.candidateFields("item.priority == \"P1\" ? 2.0 : 1.0")).isEmpty();
  }

  @Test
  void theCandidateUsedWholeNeedsEveryField() throws Exception {
    assertThat(CelEnvironment.candidateFields("double(size(candidate))")).isNull();
    assertThat(CelEnvironment.candidateFields("candidate[\"load\"] * 1.0")).isNull();
    assertThat(CelEnvironment.candidateFields("\"load\" in candidate ? 1.0 : 0.0")).isNull();
  }

  @Test
  void aScoreLeftWithOnlyTheFieldsItReadsScoresAsWithThemAll() {
    CompiledPolicy policy =
        PolicyParser.compile(
            """
            apiVersion: baton.dev/v1
            kind: RoutingPolicy
            metadata: {name: scores}
            spec:
              rules:
                - name: by-skill
                  assign:
                    team: backend
                    score: 'double(candidate.skills.go) * 2.0 - candidate.load'
            """);
    CelScore score = java.util.Objects.requireNonNull(policy.rules().get(0).score());
    assertThat(score.reads("skills")).isTrue();
    assertThat(score.reads("load")).isTrue();
    assertThat(score.reads("openByPriority")).isFalse();
    assertThat(score.reads("timeZone")).isFalse();
  }
}
