package dev.baton.policy;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/** What a decision function receives: only the declared fields, nested as in the item. */
class ItemFactsSelectTest {

  private static final ItemFacts ITEM =
      ItemFacts.of(
          item(
              "id", "wi-1",
              "title", "Card declined",
              "priority", "P2",
              "customer", Map.of("id", "c-9", "tier", "premium"),
              "attributes", Map.of("account", "acc-1", "region", "eu")));

  private static Map<String, Object> item(Object... keysAndValues) {
    Map<String, Object> item = new LinkedHashMap<>();
    for (int i = 0; i < keysAndValues.length; i += 2) {
      item.put((String) keysAndValues[i], keysAndValues[i + 1]);
    }
    return item;
  }

  @Test
  void onlyTheDeclaredFieldsAreSelectedNested() {
    assertThat(ITEM.select(List.of("priority", "customer.tier", "attributes.account")))
        .isEqualTo(
            Map.of(
                "priority", "P2",
                "customer", Map.of("tier", "premium"),
                "attributes", Map.of("account", "acc-1")));
  }

  @Test
  void fieldsTheItemLacksAreLeftOut() {
    assertThat(ITEM.select(List.of("severity", "attributes.missing", "title")))
        .isEqualTo(Map.of("title", "Card declined"));
  }

  @Test
  void aFieldSelectedWholeCoversItsParts() {
    Map<String, Object> whole = Map.of("id", "c-9", "tier", "premium");

    assertThat(ITEM.select(List.of("customer", "customer.tier")))
        .isEqualTo(Map.of("customer", whole));
    assertThat(ITEM.select(List.of("customer.tier", "customer")))
        .isEqualTo(Map.of("customer", whole));
  }

  @ParameterizedTest
  @ValueSource(
      strings = {"priority", "customer.tier", "source.url", "attributes", "attributes.a.b_c"})
  void fieldsPoliciesSeeAreAccepted(String field) {
    assertThat(ItemFacts.isField(field)).isTrue();
  }

  @ParameterizedTest
  @ValueSource(
      strings = {"", "colour", "customer.name", "attributes.", "attributes..x", "Priority"})
  void otherFieldsAreNot(String field) {
    assertThat(ItemFacts.isField(field)).isFalse();
  }
}
