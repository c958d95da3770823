package dev.baton.audit;

import static org.assertj.core.api.Assertions.assertThat;

import dev.baton.platform.Actor;
import java.time.Instant;
import java.util.UUID;
import org.jspecify.annotations.Nullable;
import org.junit.jupiter.api.Test;

class AuditChainTest {

  private static final UUID ID = UUID.fromString("01890a5d-ac96-774b-bcce-b302099a8057");
  private static final Instant AT = Instant.parse("2026-11-23T10:00:00.123456Z");

  private static String hash(@Nullable String reason, String before, String after, String prev) {
    return AuditChain.hash(
        "acme",
        7,
        ID,
        AT,
        Actor.person("alice", "token:t1"),
        "api",
        "c1",
        "work-item",
        "w1",
        "assignment.accepted",
        reason,
        before,
        after,
        prev);
  }

  @Test
  void sameContentGivesTheSameHash() {
    assertThat(hash("r", "{}", "{}", AuditChain.GENESIS))
        .isEqualTo(hash("r", "{}", "{}", AuditChain.GENESIS))
        .hasSize(64);
  }

  @Test
  void anyChangedFieldOrLinkChangesTheHash() {
    String original = hash("r", "{}", "{}", AuditChain.GENESIS);
    assertThat(hash("R", "{}", "{}", AuditChain.GENESIS)).isNotEqualTo(original);
    assertThat(hash("r", "{\"a\":1}", "{}", AuditChain.GENESIS)).isNotEqualTo(original);
    assertThat(hash("r", "{}", "{}", "1".repeat(64))).isNotEqualTo(original);
  }

  @Test
  void fieldBoundariesCannotBeShiftedAndNullDiffersFromEmpty() {
    assertThat(hash("ab", "c", "{}", AuditChain.GENESIS))
        .isNotEqualTo(hash("a", "bc", "{}", AuditChain.GENESIS));
    assertThat(hash(null, "{}", "{}", AuditChain.GENESIS))
        .isNotEqualTo(hash("", "{}", "{}", AuditChain.GENESIS));
  }
}
