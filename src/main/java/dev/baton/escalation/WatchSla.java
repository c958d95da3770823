package dev.baton.escalation;

import dev.baton.assignment.AssignmentAction;
import dev.baton.assignment.AssignmentChanged;
import dev.baton.assignment.AssignmentState;
import dev.baton.audit.AuditLog;
import dev.baton.audit.AuditRecord;
import dev.baton.policy.Policies;
import dev.baton.policy.PolicyDocument;
import java.time.Clock;
import java.time.DayOfWeek;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalTime;
import java.time.ZoneId;
import java.util.EnumSet;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import org.jspecify.annotations.Nullable;
import org.springframework.context.event.EventListener;
import org.springframework.stereotype.Component;

/**
 * Starts an item's SLA clocks when the live policy first routes it (the first target of the
 * policy's {@code spec.sla} that matches), and stops them when they are met: time to accept by an
 * accept, claim or override (or a close), time to resolve by a close. Runs inside the moving
 * transaction, so the clocks' timers commit with the move.
 */
@Component
class WatchSla {

  private static final Set<AssignmentState> ACCEPTED =
      EnumSet.of(
          AssignmentState.ACCEPTED,
          AssignmentState.IN_PROGRESS,
          AssignmentState.BLOCKED,
          AssignmentState.CLOSED);

  private final SlaClocks clocks;
  private final Policies policies;
  private final AuditLog audit;
  private final Clock clock;

  WatchSla(SlaClocks clocks, Policies policies, AuditLog audit, Clock clock) {
    this.clocks = clocks;
    this.policies = policies;
    this.audit = audit;
    this.clock = clock;
  }

  @EventListener
  void on(AssignmentChanged change) {
    List<SlaClock> running = clocks.lockAll(change.tenantId(), change.subject().id());
    AssignmentState state = change.after().state();
    if (running.isEmpty()) {
      Map<String, Object> decision = change.decision();
      if (change.action() == AssignmentAction.ASSIGN && decision != null) {
        start(change, decision);
      }
      return;
    }
    for (SlaClock c : running) {
      boolean open = c.state() == SlaClock.State.RUNNING || c.state() == SlaClock.State.AT_RISK;
      boolean met =
          c.metric().equals("accept") ? ACCEPTED.contains(state) : state == AssignmentState.CLOSED;
      if (open && met) {
        SlaClock ended = clocks.end(c, SlaClock.State.MET);
        audit.append(
            c.tenantId(),
            new AuditRecord(
                FireEscalationTimer.ESCALATION,
                "sla",
                "work-item",
                c.workItemId().toString(),
                "sla.met",
                "time to " + c.metric() + " met by " + change.action().wireName(),
                null,
                ended.view()));
      }
    }
  }

  private void start(AssignmentChanged change, Map<String, Object> decision) {
    Object policyName = decision.get("policy");
    if (!(policyName instanceof String name)
        || !(decision.get("policyVersion") instanceof Number version)) {
      return;
    }
    PolicyDocument document =
        policies
            .compiled(
                change.tenantId(), policies.version(change.tenantId(), name, version.intValue()))
            .document();
    PolicyDocument.Sla sla = document.spec().sla();
    if (sla == null) {
      return;
    }
    String team = ruleTeam(document, decision.get("rule"));
    PolicyDocument.SlaTarget target =
        sla.targets().stream()
            .filter(t -> t.priority().equals(change.subject().priority()))
            .filter(t -> t.team() == null || t.team().equals(team))
            .filter(t -> t.type() == null || t.type().equals(change.subject().type()))
            .findFirst()
            .orElse(null);
    if (target == null) {
      return;
    }
    Instant now = Instant.now(clock);
    boolean business = Boolean.TRUE.equals(target.businessHours());
    BusinessCalendar calendar = business ? calendar(Objects.requireNonNull(sla.calendar())) : null;
    for (String metric : List.of("accept", "resolve")) {
      String written = metric.equals("accept") ? target.accept() : target.resolve();
      if (written == null) {
        continue;
      }
      Duration span = Duration.parse(written);
      Duration risk = Duration.ofMillis(Math.round(span.toMillis() * sla.effectiveAtRisk()));
      Instant atRisk = calendar == null ? now.plus(risk) : calendar.plus(now, risk);
      Instant breach = calendar == null ? now.plus(span) : calendar.plus(now, span);
      SlaClock fresh =
          new SlaClock(
              change.tenantId(),
              change.subject().id(),
              metric,
              name,
              version.intValue(),
              span,
              business,
              now,
              atRisk,
              breach,
              SlaClock.State.RUNNING,
              sla.escalation(),
              0,
              null);
      clocks.arm(fresh, SlaClock.State.RUNNING, atRisk);
    }
  }

  private static @Nullable String ruleTeam(PolicyDocument document, @Nullable Object rule) {
    return document.spec().rules().stream()
        .filter(r -> r.name().equals(rule) && r.assign() != null)
        .map(r -> r.assign() == null ? null : r.assign().team())
        .filter(Objects::nonNull)
        .findFirst()
        .orElse(null);
  }

  static BusinessCalendar calendar(PolicyDocument.Calendar written) {
    Set<DayOfWeek> days = EnumSet.noneOf(DayOfWeek.class);
    List<String> names = List.of("MON", "TUE", "WED", "THU", "FRI", "SAT", "SUN");
    written.days().forEach(d -> days.add(DayOfWeek.of(names.indexOf(d) + 1)));
    return new BusinessCalendar(
        ZoneId.of(written.timeZone()),
        days,
        LocalTime.parse(written.from()),
        LocalTime.parse(written.to()));
  }
}
