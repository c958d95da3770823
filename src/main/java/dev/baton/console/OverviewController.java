package dev.baton.console;

import dev.baton.assignment.Assignments;
import dev.baton.delivery.Deliveries;
import dev.baton.escalation.SlaStatus;
import dev.baton.ingest.InboxStats;
import dev.baton.ingest.IntegrationView;
import dev.baton.ingest.Integrations;
import dev.baton.roster.Queue;
import dev.baton.roster.Queues;
import dev.baton.roster.Team;
import dev.baton.roster.Teams;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.springframework.security.core.annotation.AuthenticationPrincipal;
import org.springframework.stereotype.Controller;
import org.springframework.ui.Model;
import org.springframework.web.bind.annotation.GetMapping;

/**
 * The overview: open work by team and state, SLA at risk and breached, dead letters, integrations
 * with rejected or failed deliveries, and events in and deliveries out over the last hours.
 */
@Controller
class OverviewController {

  static final int CHART_HOURS = 12;
  static final Duration INTEGRATION_WINDOW = Duration.ofHours(24);

  private final Assignments assignments;
  private final Teams teams;
  private final Queues queues;
  private final Deliveries deliveries;
  private final InboxStats inbox;
  private final Integrations integrations;
  private final SlaStatus sla;
  private final Clock clock;

  OverviewController(
      Assignments assignments,
      Teams teams,
      Queues queues,
      Deliveries deliveries,
      InboxStats inbox,
      Integrations integrations,
      SlaStatus sla,
      Clock clock) {
    this.sla = sla;
    this.assignments = assignments;
    this.teams = teams;
    this.queues = queues;
    this.deliveries = deliveries;
    this.inbox = inbox;
    this.integrations = integrations;
    this.clock = clock;
  }

  /**
   * One integration's last day: what it received, what it refused at the door (bad signature,
   * unsupported content, ...) and what could not be processed.
   */
  record IntegrationRow(IntegrationView integration, long received, long rejected, long failed) {}

  @GetMapping("/")
  String overview(@AuthenticationPrincipal ConsoleAccount account, Model model) {
    String tenant = account.tenantId();
    Instant now = Instant.now(clock);
    List<Team> allTeams = teams.all(tenant);
    List<Queue> allQueues = queues.all(tenant);
    model.addAttribute(
        "openWork", OpenWork.of(assignments.openCounts(tenant), allTeams, allQueues));
    model.addAttribute("deadLetters", deliveries.deadLetters(tenant));
    model.addAttribute("sla", sla.open(tenant));
    Instant since = HourlyChart.since(now, CHART_HOURS);
    model.addAttribute(
        "chart",
        HourlyChart.of(
            now,
            CHART_HOURS,
            inbox.receivedPerHour(tenant, since),
            deliveries.deliveredPerHour(tenant, since)));
    Instant day = now.minus(INTEGRATION_WINDOW);
    Map<UUID, InboxStats.IntegrationCounts> counts = new HashMap<>();
    inbox.byIntegration(tenant, day).forEach(c -> counts.put(c.integrationId(), c));
    List<IntegrationRow> rows = new ArrayList<>();
    for (IntegrationView i : integrations.all(tenant)) {
      InboxStats.IntegrationCounts c = counts.get(i.id());
      long rejected = inbox.outcomes(tenant, i.id(), day).rejectedTotal();
      rows.add(
          new IntegrationRow(
              i, c == null ? 0 : c.received(), rejected, c == null ? 0 : c.failed()));
    }
    rows.sort((a, b) -> Long.compare(b.rejected() + b.failed(), a.rejected() + a.failed()));
    model.addAttribute("integrations", rows);
    return "overview";
  }
}
