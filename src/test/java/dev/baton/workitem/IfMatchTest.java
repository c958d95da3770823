package dev.baton.workitem;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.baton.platform.BatonException;
import org.junit.jupiter.api.Test;

class IfMatchTest {

  @Test
  void readsStrongWeakAndBareVersions() {
    assertThat(WorkItemActions.version("\"3\"")).isEqualTo(3);
    assertThat(WorkItemActions.version("W/\"4\"")).isEqualTo(4);
    assertThat(WorkItemActions.version("5")).isEqualTo(5);
  }

  @Test
  void absentOrStarMeansAnyVersion() {
    assertThat(WorkItemActions.version(null)).isNull();
    assertThat(WorkItemActions.version("*")).isNull();
  }

  @Test
  void anythingElseIsABadRequest() {
    assertThatThrownBy(() -> WorkItemActions.version("\"abc\""))
        .isInstanceOf(BatonException.BadRequest.class);
  }
}
