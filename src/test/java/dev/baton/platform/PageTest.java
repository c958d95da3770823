package dev.baton.platform;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.List;
import java.util.function.Function;
import org.junit.jupiter.api.Test;

class PageTest {

  @Test
  void anExtraRowMeansThereIsANextPageStartingAfterTheLastItem() {
    Page<String> page = Page.of(List.of("a", "b", "c"), 2, Function.identity());
    assertThat(page.items()).containsExactly("a", "b");
    assertThat(Page.decode(page.next())).isEqualTo("b");
  }

  @Test
  void noExtraRowMeansTheLastPage() {
    assertThat(Page.of(List.of("a"), 2, Function.identity()).next()).isNull();
  }

  @Test
  void limitsOutsideTheRangeAreRefused() {
    assertThat(Page.limit(null)).isEqualTo(Page.DEFAULT_LIMIT);
    assertThatThrownBy(() -> Page.limit(0)).isInstanceOf(BatonException.InvalidInput.class);
    assertThatThrownBy(() -> Page.limit(Page.MAX_LIMIT + 1))
        .isInstanceOf(BatonException.InvalidInput.class);
  }

  @Test
  void aCursorThatIsNotOursIsABadRequest() {
    assertThatThrownBy(() -> Page.decode("!!!")).isInstanceOf(BatonException.BadRequest.class);
  }
}
