package dev.baton.console;

import dev.baton.assignment.AssignmentAction;
import dev.baton.assignment.RoutingDecisions;
import dev.baton.audit.AuditLog;
import dev.baton.delivery.Deliveries;
import dev.baton.delivery.DeliveryRequests;
import dev.baton.platform.BatonException;
import dev.baton.workitem.WorkItemActions;
import dev.baton.workitem.WorkItems;
import java.util.Arrays;
import java.util.List;
import org.jspecify.annotations.Nullable;
import org.springframework.security.core.annotation.AuthenticationPrincipal;
import org.springframework.stereotype.Controller;
import org.springframework.ui.Model;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.servlet.mvc.support.RedirectAttributes;

/**
 * One work item: its fields and source link, the assignment with the actions the viewer may take,
 * the decision behind it, its audit timeline and its deliveries.
 */
@Controller
class WorkItemPageController {

  static final int DELIVERIES_SHOWN = 100;

  private final WorkItems items;
  private final WorkItemActions actions;
  private final RoutingDecisions decisions;
  private final AuditLog audit;
  private final Deliveries deliveries;

  WorkItemPageController(
      WorkItems items,
      WorkItemActions actions,
      RoutingDecisions decisions,
      AuditLog audit,
      Deliveries deliveries) {
    this.items = items;
    this.actions = actions;
    this.decisions = decisions;
    this.audit = audit;
    this.deliveries = deliveries;
  }

  @GetMapping("/work-items/{id}")
  String show(
      @AuthenticationPrincipal ConsoleAccount account, @PathVariable String id, Model model) {
    String tenant = account.tenantId();
    WorkItems.WithAssignment found = items.getWithAssignment(tenant, id);
    String itemId = found.item().id().toString();
    model.addAttribute("item", found.item());
    model.addAttribute("assignment", found.assignment());
    List<RoutingDecisions.Stored> all = decisions.of(tenant, found.item().id());
    model.addAttribute(
        "decision",
        all.stream()
            .filter(RoutingDecisions.Stored::applied)
            .findFirst()
            .or(() -> all.stream().findFirst())
            .map(DecisionView::of)
            .orElse(null));
    model.addAttribute("decisionCount", all.size());
    model.addAttribute("actions", account.mayAct() ? available(found) : List.of());
    model.addAttribute("timeline", audit.entriesFor(tenant, "work-item", itemId));
    model.addAttribute(
        "deliveries",
        deliveries
            .list(
                tenant,
                new DeliveryRequests.Filter(null, null, itemId, null, null),
                null,
                DELIVERIES_SHOWN)
            .items());
    return "work-item";
  }

  @PostMapping("/work-items/{id}/actions")
  String act(
      @AuthenticationPrincipal ConsoleAccount account,
      @PathVariable String id,
      @RequestParam String action,
      @RequestParam(required = false) @Nullable String to,
      @RequestParam(required = false) @Nullable String reason,
      @RequestParam(required = false) @Nullable Integer version,
      RedirectAttributes redirect) {
    try {
      WorkItems.WithAssignment after =
          actions.apply(
              account.acting(),
              id,
              new WorkItemActions.Request(action, blank(to), blank(reason)),
              version);
      redirect.addFlashAttribute(
          "notice",
          "Done: " + action + ". The assignment is now " + after.assignment().state() + ".");
    } catch (BatonException e) {
      redirect.addFlashAttribute("problem", Problems.describe(e));
    }
    return "redirect:/work-items/" + id;
  }

  /** The actions the current state allows, in table order; route first when it applies. */
  private static List<AssignmentAction> available(WorkItems.WithAssignment found) {
    return Arrays.stream(AssignmentAction.values())
        .filter(a -> a.from().contains(found.assignment().state()))
        .toList();
  }

  private static @Nullable String blank(@Nullable String value) {
    return value == null || value.isBlank() ? null : value.trim();
  }
}
