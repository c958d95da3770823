package dev.baton.routing;

import dev.baton.policy.CelScore;
import dev.baton.policy.ItemFacts;
import dev.baton.policy.PolicyDocument;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.function.ToDoubleFunction;
import org.jspecify.annotations.Nullable;

/**
 * Picks one person among the eligible members of a pool (a team). The engine has already removed
 * everyone who is inactive, declined, on time off, outside working hours, at capacity or lacking a
 * required skill; a strategy only ranks what is left.
 *
 * <p>Contract: {@link #choose} is a pure function of its argument. It reads no clock, storage or
 * network, never throws for data it does not like (a failing score expression rejects that
 * candidate with a reason instead), and breaks ties with {@link Pool#tieBreak()} so the result does
 * not depend on the order of {@link Pool#eligible()} unless the strategy is about order
 * (round-robin follows {@link Pool#memberOrder()}). Example:
 *
 * <pre>{@code
 * Pick pick = new LeastLoaded().choose(pool);
 * pick.chosen();   // "alice"
 * pick.because();  // "alice was least loaded of 3 eligible backend members (load 1.0 vs 2.0, 3.5)"
 * }</pre>
 */
public interface RoutingStrategy {

  Pick choose(Pool pool);

  /**
   * The candidates of one rule.
   *
   * @param id the pool id, {@code team:<id>}; round-robin keeps its cursor under it
   * @param label how the why sentence names the members, e.g. {@code backend members}
   * @param eligible non-empty, in member order
   * @param memberOrder every member of the team in the team's order, eligible or not
   * @param score the rule's compiled score expression, if any
   * @param load open work weighted by priority
   */
  record Pool(
      String id,
      String label,
      List<RosterSnapshot.Person> eligible,
      List<String> memberOrder,
      ItemFacts item,
      PolicyDocument.Assign assign,
      @Nullable CelScore score,
      RosterSnapshot roster,
      Comparator<RosterSnapshot.Person> tieBreak,
      ToDoubleFunction<RosterSnapshot.Person> load) {

    public Pool {
      eligible = List.copyOf(eligible);
      memberOrder = List.copyOf(memberOrder);
    }
  }

  /**
   * What a strategy chose.
   *
   * @param chosen a person id from the pool's eligible list; null only when every candidate was
   *     rejected by the strategy itself (then the rule falls through)
   * @param strategy the name recorded in the decision, e.g. {@code least-loaded}
   * @param candidates the scored candidates, best first
   * @param rejected candidates the strategy itself left out, with the reason
   * @param cursor the round-robin position to store, if this strategy keeps one
   * @param because the explanation, a clause without a final period
   */
  record Pick(
      @Nullable String chosen,
      String strategy,
      List<Decision.Candidate> candidates,
      Map<String, String> rejected,
      Decision.@Nullable CursorUpdate cursor,
      String because) {

    public Pick {
      candidates = List.copyOf(candidates);
      rejected = Map.copyOf(rejected);
    }
  }
}
