package dev.baton.ingest;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class WebhookHeadersTest {

  @Test
  void findsAHeaderWhateverTheCaseOfEitherName() {
    var headers = WebhookHeaders.of(Map.of("X-GitHub-Delivery", List.of("d1")));

    assertThat(headers.first("x-github-delivery")).isEqualTo("d1");
    assertThat(headers.first("X-GITHUB-DELIVERY")).isEqualTo("d1");
  }

  @Test
  void keepsEveryValueInOrderAndMergesNamesThatDifferOnlyInCase() {
    Map<String, List<String>> raw = new LinkedHashMap<>();
    raw.put("Accept", List.of("a", "b"));
    raw.put("accept", List.of("c"));

    var headers = WebhookHeaders.of(raw);

    assertThat(headers.all("ACCEPT")).containsExactly("a", "b", "c");
    assertThat(headers.first("Accept")).isEqualTo("a");
  }

  @Test
  void anAbsentHeaderHasNoValues() {
    var headers = WebhookHeaders.of(Map.of());

    assertThat(headers.first("X-Missing")).isNull();
    assertThat(headers.all("X-Missing")).isEmpty();
  }

  @Test
  void isNotChangedByLaterChangesToTheMapItWasMadeFrom() {
    List<String> values = new ArrayList<>(List.of("one"));
    Map<String, List<String>> raw = new LinkedHashMap<>();
    raw.put("X-Token", values);
    var headers = WebhookHeaders.of(raw);

    values.add("two");
    raw.put("X-Other", List.of("x"));

    assertThat(headers.all("X-Token")).containsExactly("one");
    assertThat(headers.first("X-Other")).isNull();
    assertThatThrownBy(() -> headers.all("X-Token").add("three"))
        .isInstanceOf(UnsupportedOperationException.class);
  }

  @Test
  void showsHeaderNamesButNeverValues() {
    var headers = WebhookHeaders.of(Map.of("X-Gitlab-Token", List.of("s3cret")));

    assertThat(headers.toString()).contains("x-gitlab-token").doesNotContain("s3cret");
  }
}
