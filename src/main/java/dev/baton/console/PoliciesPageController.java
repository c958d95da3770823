package dev.baton.console;

import dev.baton.platform.BatonException;
import dev.baton.policy.Policies;
import dev.baton.policy.PolicySummary;
import dev.baton.workitem.PolicySimulation;
import java.util.List;
import org.jspecify.annotations.Nullable;
import org.springframework.security.core.annotation.AuthenticationPrincipal;
import org.springframework.stereotype.Controller;
import org.springframework.ui.Model;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestParam;

/**
 * Policies: each policy's versions, and a draft validated and simulated against the last week's
 * items (a read-only POST that viewers may use too: it changes nothing).
 */
@Controller
class PoliciesPageController {

  private final Policies policies;
  private final PolicySimulation simulation;

  PoliciesPageController(Policies policies, PolicySimulation simulation) {
    this.policies = policies;
    this.simulation = simulation;
  }

  @GetMapping("/policies")
  String list(@AuthenticationPrincipal ConsoleAccount account, Model model) {
    List<PolicySummary> all = policies.list(account.tenantId());
    model.addAttribute("policies", all);
    if (!model.containsAttribute("draft")) {
      model.addAttribute(
          "draft",
          all.isEmpty()
              ? ""
              : policies
                  .latest(account.tenantId(), all.get(0).name())
                  .map(v -> v.document())
                  .orElse(""));
    }
    return "policies";
  }

  @GetMapping("/policies/{name}")
  String show(
      @AuthenticationPrincipal ConsoleAccount account, @PathVariable String name, Model model) {
    model.addAttribute("policy", policies.summary(account.tenantId(), name));
    model.addAttribute("versions", policies.versions(account.tenantId(), name));
    return "policy";
  }

  @PostMapping("/policies/simulate")
  String simulate(
      @AuthenticationPrincipal ConsoleAccount account,
      @RequestParam(defaultValue = "") String draft,
      @RequestParam(required = false) @Nullable String itemIds,
      Model model) {
    model.addAttribute("draft", draft);
    try {
      String name = policies.validate(draft).name();
      List<String> items =
          itemIds == null || itemIds.isBlank() ? null : List.of(itemIds.trim().split("[\\s,]+"));
      model.addAttribute(
          "simulation",
          simulation.simulate(
              account.tenantId(),
              name,
              new PolicySimulation.Request(null, draft, items, null, null)));
    } catch (BatonException e) {
      model.addAttribute("problem", Problems.describe(e));
    }
    return list(account, model);
  }
}
