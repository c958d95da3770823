package dev.baton.routing;

import dev.baton.policy.ItemFacts;
import dev.baton.policy.Strategy;
import java.util.Comparator;
import java.util.Map;

/** What every step of one decision shares: the roster, the item, the filters and the orderings. */
record RoutingContext(
    RosterSnapshot roster,
    ItemFacts item,
    Eligibility eligibility,
    LoadWeights weights,
    Comparator<RosterSnapshot.Person> tieBreak,
    Map<Strategy, RoutingStrategy> strategies) {}
