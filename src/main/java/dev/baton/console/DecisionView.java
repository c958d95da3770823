package dev.baton.console;

import dev.baton.assignment.RoutingDecisions;
import java.util.ArrayList;
import java.util.List;
import org.jspecify.annotations.Nullable;
import tools.jackson.databind.JsonNode;

/**
 * A stored routing decision as the work item page shows it: the outcome, the rules tried, the
 * candidates with their scores and the people filtered out with the reasons.
 */
record DecisionView(
    RoutingDecisions.Stored stored,
    List<Step> path,
    List<Candidate> candidates,
    List<Rejection> rejected) {

  record Step(String rule, boolean matched, String result, @Nullable String error) {}

  record Candidate(String id, double score, boolean chosen) {}

  record Rejection(String rule, String id, String reasons) {}

  static DecisionView of(RoutingDecisions.Stored stored) {
    JsonNode record = stored.record();
    List<Step> path = new ArrayList<>();
    for (JsonNode s : record.path("path")) {
      path.add(
          new Step(
              s.path("rule").asString(""),
              s.path("matched").asBoolean(false),
              s.path("result").asString(""),
              s.path("error").isNull() || s.path("error").isMissingNode()
                  ? null
                  : s.path("error").asString("")));
    }
    List<Candidate> candidates = new ArrayList<>();
    for (JsonNode c : record.path("candidates")) {
      candidates.add(
          new Candidate(
              c.path("id").asString(""),
              c.path("score").asDouble(0),
              c.path("chosen").asBoolean(false)));
    }
    List<Rejection> rejected = new ArrayList<>();
    for (JsonNode r : record.path("rejected")) {
      List<String> reasons = new ArrayList<>();
      r.path("reasons").forEach(x -> reasons.add(x.asString("")));
      rejected.add(
          new Rejection(
              r.path("rule").asString(""), r.path("id").asString(""), String.join("; ", reasons)));
    }
    return new DecisionView(stored, path, candidates, rejected);
  }
}
