package dev.baton.assignment;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.baton.platform.BatonException;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class OwnerTest {

  @Test
  void parsesPeopleAndQueuesAndWritesThemBack() {
    assertThat(Owner.parse("to", "person:alice")).isEqualTo(Owner.person("alice"));
    assertThat(Owner.parse("to", "queue:triage")).isEqualTo(Owner.queue("triage"));
    assertThat(Owner.queue("triage").toString()).isEqualTo("queue:triage");
  }

  @ParameterizedTest
  @ValueSource(strings = {"alice", "person:", ":alice", "team:backend", "PERSON:alice", ""})
  void refusesAnythingElseNamingTheField(String text) {
    assertThatThrownBy(() -> Owner.parse("to", text))
        .isInstanceOf(BatonException.InvalidInput.class)
        .hasMessageStartingWith("to:");
  }
}
