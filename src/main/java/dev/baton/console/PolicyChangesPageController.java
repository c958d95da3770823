package dev.baton.console;

import dev.baton.platform.BatonException;
import dev.baton.policy.Policies;
import dev.baton.policy.PolicySummary;
import dev.baton.policy.PolicyVersion;
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
 * A policy's changes: the line diff between two versions, and activating a version or rolling back
 * to the previous one, each confirmed on a page that shows what changes against the active version.
 * Both go through the policy service, with its checks and audit entries.
 */
@Controller
class PolicyChangesPageController {

  private final Policies policies;

  PolicyChangesPageController(Policies policies) {
    this.policies = policies;
  }

  /** What a confirmation page posts to, and its button. */
  record Confirm(String action, String label, @Nullable Integer version) {}

  /** Two versions side by side; by default the one before the latest and the latest. */
  @GetMapping("/policies/{name}/diff")
  String diff(
      @AuthenticationPrincipal ConsoleAccount account,
      @PathVariable String name,
      @RequestParam(required = false) @Nullable Integer from,
      @RequestParam(required = false) @Nullable Integer to,
      Model model) {
    PolicySummary policy = policies.summary(account.tenantId(), name);
    int newer = to == null ? policy.latestVersion() : to;
    int older = from == null ? Math.max(1, newer - 1) : from;
    return page(account, policy, older, newer, null, model);
  }

  /** The confirmation of an activation: what changes against the active version. */
  @GetMapping("/policies/{name}/activate")
  String confirmActivate(
      @AuthenticationPrincipal ConsoleAccount account,
      @PathVariable String name,
      @RequestParam int version,
      Model model) {
    PolicySummary policy = policies.summary(account.tenantId(), name);
    Integer active = policy.activeVersion();
    return page(
        account,
        policy,
        active == null ? version : active,
        version,
        new Confirm(
            "/policies/" + name + "/activate", "Activate v" + version, Integer.valueOf(version)),
        model);
  }

  @GetMapping("/policies/{name}/rollback")
  String confirmRollback(
      @AuthenticationPrincipal ConsoleAccount account, @PathVariable String name, Model model) {
    PolicySummary policy = policies.summary(account.tenantId(), name);
    Integer active = policy.activeVersion();
    Integer previous = policy.previousVersion();
    if (active == null || previous == null) {
      throw new BatonException.BadRequest(
          "policy '" + name + "' has no earlier active version to roll back to");
    }
    return page(
        account,
        policy,
        active,
        previous,
        new Confirm("/policies/" + name + "/rollback", "Roll back to v" + previous, null),
        model);
  }

  @PostMapping("/policies/{name}/activate")
  String activate(
      @AuthenticationPrincipal ConsoleAccount account,
      @PathVariable String name,
      @RequestParam int version,
      @RequestParam(required = false) @Nullable String reason,
      RedirectAttributes redirect) {
    try {
      policies.activate(
          account.tenantId(), name, version, blank(reason), account.actor(), ConsoleAccount.SOURCE);
      redirect.addFlashAttribute("notice", "Version " + version + " is active.");
    } catch (BatonException.NotFound e) {
      throw e;
    } catch (BatonException e) {
      redirect.addFlashAttribute("problem", Problems.describe(e));
    }
    return "redirect:/policies/" + name;
  }

  @PostMapping("/policies/{name}/rollback")
  String rollback(
      @AuthenticationPrincipal ConsoleAccount account,
      @PathVariable String name,
      @RequestParam(required = false) @Nullable String reason,
      RedirectAttributes redirect) {
    try {
      PolicySummary after =
          policies.rollback(
              account.tenantId(), name, blank(reason), account.actor(), ConsoleAccount.SOURCE);
      redirect.addFlashAttribute(
          "notice", "Rolled back: version " + after.activeVersion() + " is active.");
    } catch (BatonException.NotFound e) {
      throw e;
    } catch (BatonException e) {
      redirect.addFlashAttribute("problem", Problems.describe(e));
    }
    return "redirect:/policies/" + name;
  }

  private String page(
      ConsoleAccount account,
      PolicySummary policy,
      int from,
      int to,
      @Nullable Confirm confirm,
      Model model) {
    PolicyVersion older = policies.version(account.tenantId(), policy.name(), from);
    PolicyVersion newer = policies.version(account.tenantId(), policy.name(), to);
    List<LineDiff.Line> diff = LineDiff.of(older.document(), newer.document());
    model.addAttribute("policy", policy);
    model.addAttribute("versions", policies.versions(account.tenantId(), policy.name()));
    model.addAttribute("from", older);
    model.addAttribute("to", newer);
    model.addAttribute("diff", diff);
    model.addAttribute("changes", LineDiff.changes(diff));
    model.addAttribute("confirm", confirm);
    return "policy-diff";
  }

  private static @Nullable String blank(@Nullable String text) {
    return text == null || text.isBlank() ? null : text.trim();
  }
}
