package dev.baton.assignment;

import dev.baton.audit.AuditLog;
import dev.baton.audit.AuditRecord;
import dev.baton.delivery.Outbox;
import dev.baton.platform.Actor;
import dev.baton.platform.BatonException;
import dev.baton.platform.LogContext;
import dev.baton.policy.ActivePolicy;
import dev.baton.policy.ItemFacts;
import dev.baton.policy.Policies;
import dev.baton.policy.RolloutMode;
import dev.baton.roster.Teams;
import dev.baton.routing.Decision;
import dev.baton.routing.Evaluation;
import dev.baton.routing.RosterSnapshot;
import dev.baton.routing.RoutingEngine;
import dev.baton.routing.RoutingInput;
import java.time.Clock;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.function.BiFunction;
import org.jspecify.annotations.Nullable;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Propagation;
import org.springframework.transaction.annotation.Transactional;

/**
 * Routes a work item by the tenant's active policies: the live one ({@code mode: on}) decides and
 * its decision is applied as an {@code assign} transition; shadow policies decide too and are only
 * recorded. Runs inside the caller's transaction, so the decision, the transition, its audit entry
 * and its event commit together.
 *
 * <p>When a rule's target is a decision function, the engine asks for its answer; the router calls
 * the function and runs the engine again with the answer, at most once per function rule. The call
 * happens inside the transaction, so a database connection is held while it waits: at most the
 * function's timeout (10 s at most) per function rule reached.
 */
@Service
public class Router {

  /** Who routing acts as in the audit trail. */
  public static final Actor ROUTER = Actor.system("router");

  private final Policies policies;
  private final RosterSnapshots snapshots;
  private final RoutingDecisions decisions;
  private final Assignments assignments;
  private final AuditLog audit;
  private final Outbox outbox;
  private final Teams teams;
  private final CallDecisionFunction functions;
  private final Clock clock;
  private final RoutingMetrics metrics;
  private final RoutingEngine engine = new RoutingEngine();

  Router(
      Policies policies,
      Teams teams,
      RosterSnapshots snapshots,
      RoutingDecisions decisions,
      Assignments assignments,
      AuditLog audit,
      Outbox outbox,
      CallDecisionFunction functions,
      Clock clock,
      RoutingMetrics metrics) {
    this.metrics = metrics;
    this.policies = policies;
    this.teams = teams;
    this.snapshots = snapshots;
    this.decisions = decisions;
    this.assignments = assignments;
    this.audit = audit;
    this.outbox = outbox;
    this.functions = functions;
    this.clock = clock;
  }

  /**
   * Decides for an item and applies the live decision; returns the assignment after, or empty when
   * no policy is active (the item stays as it is).
   *
   * @param facts the item's routing fields (see {@link ItemFacts})
   * @param excluded people who must not get it (they declined it)
   */
  @Transactional(propagation = Propagation.MANDATORY)
  public Optional<Assignment> route(
      String tenantId,
      AssignmentSubject subject,
      Map<String, ?> facts,
      Set<String> excluded,
      String trigger) {
    return decide(
        tenantId,
        subject,
        facts,
        excluded,
        trigger,
        (decision, id) -> apply(tenantId, subject, decision, id),
        (decision, held) -> hold(tenantId, subject, decision, held, trigger));
  }

  /**
   * The owner {@link #reassign} would pick now, decided by the live policy without storing or
   * applying anything, for checks that need the target first (an approval). Empty when no live
   * policy picks someone other than the holder.
   */
  @Transactional(propagation = Propagation.MANDATORY)
  public Optional<Owner> previewReassign(
      String tenantId, AssignmentSubject subject, Map<String, ?> facts, Actor actor) {
    Assignment current =
        assignments.checkAllowed(tenantId, subject.id(), AssignmentAction.REASSIGN, null, actor);
    Owner holder = current.owner();
    Set<String> excluded =
        holder != null && holder.kind() == Owner.Kind.PERSON ? Set.of(holder.id()) : Set.of();
    List<ActivePolicy> active = policies.active(tenantId);
    Instant now = Instant.now(clock);
    ItemFacts item = ItemFacts.of(facts);
    RosterSnapshot roster = snapshots.at(tenantId, now, active, item);
    Optional<Owner> picked = Optional.empty();
    for (ActivePolicy policy : active) {
      if (policy.mode() != RolloutMode.ON) {
        continue;
      }
      Decision decision =
          decide(
              tenantId,
              new RoutingInput(facts, policy.compiled(), policy.version(), roster, now, excluded),
              item);
      // the last live policy applies last, as in route
      picked =
          decision.owner() == null
              ? Optional.empty()
              : Optional.of(Owner.parse("owner", decision.owner()));
    }
    return picked.filter(owner -> !owner.equals(holder));
  }

  /**
   * Moves open work elsewhere by the live policy: {@code reassign} without a named target. The
   * actor must be allowed to reassign it (its holder or a lead of the holder's team); the policy
   * decides excluding the current owner, and the decision is applied as a {@code reassign} by the
   * actor with the reason. Refused with a {@link BatonException.Conflict}, writing nothing, when no
   * policy is live, when it finds no one, when it picks the current owner again, or when the chosen
   * team's rollout mode holds routing back.
   *
   * @param facts the item's routing fields (see {@link ItemFacts})
   */
  @Transactional(propagation = Propagation.MANDATORY)
  public Assignment reassign(
      String tenantId,
      AssignmentSubject subject,
      Map<String, ?> facts,
      Actor actor,
      String source,
      String reason) {
    Assignment current =
        assignments.checkAllowed(tenantId, subject.id(), AssignmentAction.REASSIGN, null, actor);
    Owner holder = current.owner();
    Set<String> excluded =
        holder != null && holder.kind() == Owner.Kind.PERSON ? Set.of(holder.id()) : Set.of();
    return decide(
            tenantId,
            subject,
            facts,
            excluded,
            "reassigned",
            (decision, id) -> {
              String owner = decision.owner();
              if (owner == null) {
                throw new BatonException.Conflict(
                    "the routing policy finds no one else to take it: " + decision.why());
              }
              Owner target = Owner.parse("owner", owner);
              if (target.equals(holder)) {
                throw new BatonException.Conflict(
                    "the routing policy picks " + target + " again; name the new owner with 'to'");
              }
              return assignments.apply(
                  tenantId,
                  subject,
                  new AssignmentCommand(
                      AssignmentAction.REASSIGN,
                      target,
                      reason,
                      null,
                      actor,
                      source,
                      false,
                      summary(decision, id)));
            },
            (decision, held) -> {
              throw new BatonException.Conflict(
                  "team "
                      + held.team()
                      + " is in "
                      + held.mode()
                      + " mode, so Baton does not route its work; name the new owner with 'to'");
            })
        .orElseThrow(
            () ->
                new BatonException.Conflict(
                    "no routing policy is active; reassign naming the new owner with 'to'"));
  }

  /**
   * Takes overridden work back when the live policy says so: called right after an override, it
   * decides for the item as routing would, and when the deciding rule says {@code reclaim: true}
   * and picks someone other than the overriding owner, the decision is stored (trigger {@code
   * reclaim}) and applied as a {@code reassign} by the router, its reason naming the rule. Empty,
   * writing nothing, when no live policy has a reclaim rule or the deciding rule does not reclaim;
   * when the chosen team's rollout mode holds routing back, that is recorded as {@code
   * routing.held} and the override stands.
   *
   * @param facts the item's routing fields (see {@link ItemFacts})
   */
  @Transactional(propagation = Propagation.MANDATORY)
  public Optional<Assignment> reclaim(
      String tenantId, AssignmentSubject subject, Map<String, ?> facts) {
    List<ActivePolicy> live =
        policies.active(tenantId).stream()
            .filter(p -> p.mode() == RolloutMode.ON)
            .filter(p -> p.compiled().rules().stream().anyMatch(r -> r.rule().reclaim()))
            .toList();
    if (live.isEmpty()) {
      return Optional.empty();
    }
    Assignment current =
        assignments
            .find(tenantId, subject.id())
            .orElseThrow(() -> new IllegalStateException("no assignment for " + subject.id()));
    Instant now = Instant.now(clock);
    ItemFacts item = ItemFacts.of(facts);
    RosterSnapshot roster = snapshots.at(tenantId, now, live, item);
    for (ActivePolicy policy : live) {
      Decision decision =
          decide(
              tenantId,
              new RoutingInput(facts, policy.compiled(), policy.version(), roster, now, Set.of()),
              item);
      boolean reclaims =
          policy.compiled().rules().stream()
              .anyMatch(r -> r.name().equals(decision.rule()) && r.rule().reclaim());
      String owner = decision.owner();
      if (!reclaims || owner == null || Owner.parse("owner", owner).equals(current.owner())) {
        continue;
      }
      Optional<HeldTeam> held = heldBy(decision, policy, roster, teams.notOn(tenantId));
      if (held.isPresent()) {
        return Optional.of(hold(tenantId, subject, decision, held.get(), "reclaim"));
      }
      String id = decisions.record(tenantId, subject.id(), decision, true, "reclaim").toString();
      if (decision.cursor() != null) {
        decisions.moveCursor(tenantId, decision.cursor());
      }
      Map<String, Object> summary = summary(decision, id);
      summary.put("reclaim", true);
      String reason =
          "reclaimed by rule "
              + decision.rule()
              + " of policy "
              + decision.policy()
              + " version "
              + decision.policyVersion()
              + ": "
              + decision.why();
      return Optional.of(
          assignments.apply(
              tenantId,
              subject,
              new AssignmentCommand(
                  AssignmentAction.REASSIGN,
                  Owner.parse("owner", owner),
                  reason.length() > 2000 ? reason.substring(0, 2000) : reason,
                  null,
                  ROUTER,
                  "router",
                  true,
                  summary)));
    }
    return Optional.empty();
  }

  /**
   * Runs every active policy, records each decision and hands the live one to {@code applyLive}
   * with its stored id, or to {@code onHeld} when a team's rollout mode holds it back; empty when
   * no policy is live.
   */
  private Optional<Assignment> decide(
      String tenantId,
      AssignmentSubject subject,
      Map<String, ?> facts,
      Set<String> excluded,
      String trigger,
      BiFunction<Decision, String, Assignment> applyLive,
      BiFunction<Decision, HeldTeam, Assignment> onHeld) {
    try (var logged =
        LogContext.with(LogContext.TENANT, tenantId).and(LogContext.WORK_ITEM, subject.id())) {
      return decideLogged(tenantId, subject, facts, excluded, trigger, applyLive, onHeld);
    }
  }

  private Optional<Assignment> decideLogged(
      String tenantId,
      AssignmentSubject subject,
      Map<String, ?> facts,
      Set<String> excluded,
      String trigger,
      BiFunction<Decision, String, Assignment> applyLive,
      BiFunction<Decision, HeldTeam, Assignment> onHeld) {
    List<ActivePolicy> active = policies.active(tenantId);
    if (active.isEmpty()) {
      return Optional.empty();
    }
    Instant now = Instant.now(clock);
    ItemFacts item = ItemFacts.of(facts);
    RosterSnapshot roster = snapshots.at(tenantId, now, active, item);
    Map<String, String> teamModes = teams.notOn(tenantId);
    Optional<Assignment> result = Optional.empty();
    for (ActivePolicy policy : active) {
      Decision decision =
          decide(
              tenantId,
              new RoutingInput(facts, policy.compiled(), policy.version(), roster, now, excluded),
              item);
      boolean live = policy.mode() == RolloutMode.ON;
      Optional<HeldTeam> held =
          live ? heldBy(decision, policy, roster, teamModes) : Optional.empty();
      if (held.isPresent()) {
        result = Optional.of(onHeld.apply(decision, held.get()));
        continue;
      }
      var id = decisions.record(tenantId, subject.id(), decision, live, trigger);
      if (live) {
        result = Optional.of(applyLive.apply(decision, id.toString()));
      }
    }
    return result;
  }

  /** A team, not in mode {@code on}, that the live decision would send work to. */
  private record HeldTeam(String team, String mode) {}

  /**
   * The first team (by id) whose mode holds the decision back: the team a rule's {@code team}
   * target picked from, the team owning the chosen queue, or, for a person chosen otherwise, any
   * team the person belongs to.
   */
  private static Optional<HeldTeam> heldBy(
      Decision decision, ActivePolicy policy, RosterSnapshot roster, Map<String, String> modes) {
    String owner = decision.owner();
    if (modes.isEmpty() || owner == null) {
      return Optional.empty();
    }
    Owner chosen = Owner.parse("owner", owner);
    java.util.SortedSet<String> touched = new java.util.TreeSet<>();
    if (chosen.kind() == Owner.Kind.QUEUE) {
      RosterSnapshot.Queue queue = roster.queues().get(chosen.id());
      if (queue != null && queue.team() != null) {
        touched.add(queue.team());
      }
    } else {
      String ruleTeam =
          policy.compiled().rules().stream()
              .filter(r -> r.name().equals(decision.rule()))
              .map(r -> r.rule().assign() == null ? null : r.rule().assign().team())
              .filter(java.util.Objects::nonNull)
              .findFirst()
              .orElse(null);
      if (ruleTeam != null) {
        touched.add(ruleTeam);
      } else {
        roster.teams().values().stream()
            .filter(t -> t.members().contains(chosen.id()))
            .forEach(t -> touched.add(t.id()));
      }
    }
    return touched.stream()
        .filter(modes::containsKey)
        .findFirst()
        .map(team -> new HeldTeam(team, modes.getOrDefault(team, "on")));
  }

  /**
   * Keeps a live decision from taking effect because its team is in shadow or off mode: a shadow
   * team's decision is stored as a shadow decision; either way the assignment is left as it is and
   * nothing is sent.
   */
  private Assignment hold(
      String tenantId,
      AssignmentSubject subject,
      Decision decision,
      HeldTeam held,
      String trigger) {
    Assignment current =
        assignments
            .find(tenantId, subject.id())
            .orElseThrow(() -> new IllegalStateException("no assignment for " + subject.id()));
    String note =
        " (team "
            + held.team()
            + " is in "
            + held.mode()
            + " mode: "
            + (held.mode().equals("shadow") ? "recorded, not applied)" : "not routed)");
    Map<String, Object> summary = new LinkedHashMap<>();
    summary.put("policy", decision.policy());
    summary.put("policyVersion", decision.policyVersion());
    summary.put("rule", decision.rule());
    summary.put("team", held.team());
    summary.put("teamMode", held.mode());
    if (held.mode().equals("shadow")) {
      Decision shadow =
          new Decision(
              decision.outcome(),
              decision.owner(),
              decision.rule(),
              decision.strategy(),
              decision.policy(),
              decision.policyVersion(),
              RolloutMode.SHADOW,
              decision.path(),
              decision.candidates(),
              decision.rejected(),
              decision.notifications(),
              decision.escalation(),
              decision.cursor(),
              decision.functionAnswers(),
              decision.why() + note);
      summary.put(
          "id", decisions.record(tenantId, subject.id(), shadow, false, trigger).toString());
    }
    audit.append(
        tenantId,
        new AuditRecord(
            ROUTER,
            "router",
            "work-item",
            subject.id().toString(),
            "routing.held",
            decision.why() + note,
            Assignments.view(current),
            summary));
    return current;
  }

  /** Decides without writing anything: what each active or given policy would do now. */
  /**
   * Decides without writing anything: what each active or given policy would do now. Decision
   * functions the policies name are called, as routing would.
   */
  @Transactional(readOnly = true)
  public List<Decision> simulate(
      String tenantId, List<ActivePolicy> candidates, Map<String, ?> facts) {
    Instant now = Instant.now(clock);
    ItemFacts item = ItemFacts.of(facts);
    RosterSnapshot roster = snapshots.at(tenantId, now, candidates, item);
    return candidates.stream()
        .map(
            p ->
                decide(
                    tenantId,
                    new RoutingInput(facts, p.compiled(), p.version(), roster, now, Set.of()),
                    item))
        .toList();
  }

  /**
   * Runs the engine until it decides, calling each decision function it asks for. Every pass adds
   * an answer the engine did not have, so a policy with n function rules decides within n + 1.
   */
  private Decision decide(String tenantId, RoutingInput first, ItemFacts item) {
    long functionRules =
        first.policy().rules().stream()
            .filter(r -> r.rule().assign() != null && r.rule().assign().function() != null)
            .count();
    RoutingInput input = first;
    // the engine's own time, without the decision functions' calls between passes
    long engineNanos = 0;
    for (long pass = 0; pass <= functionRules; pass++) {
      long started = System.nanoTime();
      Evaluation evaluation = engine.evaluate(input);
      engineNanos += System.nanoTime() - started;
      switch (evaluation) {
        case Evaluation.Decided decided -> {
          metrics.timed(engineNanos);
          return decided.decision();
        }
        case Evaluation.NeedsAnswer needs ->
            input =
                input.withAnswer(
                    functions.call(
                        tenantId,
                        needs.call(),
                        item,
                        input.policy().name(),
                        input.policyVersion()));
      }
    }
    throw new IllegalStateException(
        "the engine asked for more function answers than policy "
            + first.policy().name()
            + " has function rules");
  }

  private Assignment apply(
      String tenantId, AssignmentSubject subject, Decision decision, String decisionId) {
    Assignment current =
        assignments
            .find(tenantId, subject.id())
            .orElseThrow(() -> new IllegalStateException("no assignment for " + subject.id()));
    Map<String, Object> summary = summary(decision, decisionId);
    String owner = decision.owner();
    if (owner == null || !Transitions.allowed(current.state(), AssignmentAction.ASSIGN)) {
      audit.append(
          tenantId,
          new AuditRecord(
              ROUTER,
              "router",
              "work-item",
              subject.id().toString(),
              "routing.failed",
              decision.why(),
              Assignments.view(current),
              summary));
      outbox.publish(
          tenantId, "routing.failed", subject.id().toString(), eventOf(subject, summary));
      return current;
    }
    if (decision.cursor() != null) {
      decisions.moveCursor(tenantId, decision.cursor());
    }
    return assignments.apply(
        tenantId,
        subject,
        new AssignmentCommand(
            AssignmentAction.ASSIGN,
            Owner.parse("owner", owner),
            decision.why(),
            null,
            ROUTER,
            "router",
            false,
            summary));
  }

  /** The decision as carried on the transition's event. */
  private static Map<String, Object> summary(Decision decision, String decisionId) {
    Map<String, Object> summary = new LinkedHashMap<>();
    summary.put("id", decisionId);
    summary.put("policy", decision.policy());
    summary.put("policyVersion", decision.policyVersion());
    summary.put("rule", decision.rule());
    summary.put("outcome", decision.outcome().name());
    summary.put("why", decision.why());
    summary.put("notifications", decision.notifications());
    summary.put("escalation", decision.escalation());
    return summary;
  }

  private static Map<String, @Nullable Object> eventOf(
      AssignmentSubject subject, Map<String, Object> decision) {
    Map<String, @Nullable Object> data = new LinkedHashMap<>();
    data.put("workItem", Map.of("id", subject.id().toString(), "title", subject.title()));
    data.put("decision", decision);
    return data;
  }
}
