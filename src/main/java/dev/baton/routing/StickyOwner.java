package dev.baton.routing;

import dev.baton.policy.Strategy;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.function.Function;

/**
 * Keeps related work with one person: the owner of the item named by the rule's {@code relatedItem}
 * field (default {@value #DEFAULT_FIELD}) when they are eligible. Otherwise the rule's {@code
 * otherwise} strategy (default least-loaded) picks. Score: 1 for the sticky owner.
 */
final class StickyOwner implements RoutingStrategy {

  static final String DEFAULT_FIELD = "attributes.relatedItem";

  private final Function<Strategy, RoutingStrategy> others;

  StickyOwner(Function<Strategy, RoutingStrategy> others) {
    this.others = others;
  }

  @Override
  public Pick choose(Pool pool) {
    String field =
        pool.assign().relatedItem() == null ? DEFAULT_FIELD : pool.assign().relatedItem();
    Optional<String> related = pool.item().text(field);
    Optional<String> owner = related.map(key -> pool.roster().stickyOwners().get(key));
    boolean eligible =
        owner.isPresent() && pool.eligible().stream().anyMatch(p -> p.id().equals(owner.get()));
    if (eligible) {
      String chosen = owner.get();
      return new Pick(
          chosen,
          "sticky",
          List.of(new Decision.Candidate(chosen, 1, true)),
          Map.of(),
          null,
          chosen + " owns the related item " + related.get());
    }
    Strategy next =
        pool.assign().otherwise() == null ? Strategy.LEAST_LOADED : pool.assign().otherwise();
    Pick pick = others.apply(next).choose(pool);
    String why =
        related.isEmpty()
            ? "the item names no related item at " + field
            : owner
                .map(o -> "the related item's owner " + o + " is not eligible")
                .orElse("nobody owns the related item " + related.get());
    return new Pick(
        pick.chosen(),
        "sticky, then " + pick.strategy(),
        pick.candidates(),
        pick.rejected(),
        pick.cursor(),
        pick.because() + "; " + why);
  }
}
