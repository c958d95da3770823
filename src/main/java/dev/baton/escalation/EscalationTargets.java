package dev.baton.escalation;

import dev.baton.assignment.Assignment;
import dev.baton.assignment.Owner;
import dev.baton.assignment.RoutingDecisions;
import dev.baton.roster.Schedules;
import dev.baton.roster.Teams;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import org.springframework.stereotype.Component;

/** Who a step's targets are at the step's time, as person ids, in the order written. */
@Component
class EscalationTargets {

  private final Schedules schedules;
  private final Teams teams;
  private final RoutingDecisions decisions;

  EscalationTargets(Schedules schedules, Teams teams, RoutingDecisions decisions) {
    this.schedules = schedules;
    this.teams = teams;
    this.decisions = decisions;
  }

  List<String> resolve(
      EscalationRun run, Assignment current, List<EscalationPolicy.Target> targets, Instant at) {
    List<String> people = new ArrayList<>();
    for (EscalationPolicy.Target target : targets) {
      List<String> found =
          target.person() != null
              ? List.of(target.person())
              : target.schedule() != null
                  ? schedules.personOnCall(run.tenantId(), target.schedule(), at).stream().toList()
                  : target.teamLead() != null
                      ? teams
                          .find(run.tenantId(), target.teamLead())
                          .map(t -> t.leads())
                          .orElse(List.of())
                      : nextCandidate(run, current).stream().toList();
      found.stream().filter(p -> !people.contains(p)).forEach(people::add);
    }
    return people;
  }

  /**
   * The best-ranked candidate of the run's routing decision who has not been offered the work yet
   * and does not hold it now.
   */
  Optional<String> nextCandidate(EscalationRun run, Assignment current) {
    if (run.decisionId() == null) {
      return Optional.empty();
    }
    String holder =
        current.owner() != null && current.owner().kind() == Owner.Kind.PERSON
            ? current.owner().id()
            : null;
    return decisions.of(run.tenantId(), run.workItemId()).stream()
        .filter(d -> d.id().equals(run.decisionId()))
        .findFirst()
        .map(d -> d.record().path("candidates"))
        .stream()
        .flatMap(c -> c.valueStream())
        .map(candidate -> candidate.path("id").asString())
        .filter(id -> !id.equals(holder) && !run.offered().contains(id))
        .findFirst();
  }
}
