package dev.baton.console;

import dev.baton.demo.Sandbox;
import dev.baton.platform.BatonException;
import dev.baton.tenant.Tenants;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.security.core.annotation.AuthenticationPrincipal;
import org.springframework.stereotype.Controller;
import org.springframework.ui.Model;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.servlet.mvc.support.RedirectAttributes;

/**
 * The demo's sandbox page ({@code /sandbox}): the Slack messages and Jira changes Baton sent, shown
 * as people would see them, with Slack's buttons. It exists only in demo mode (404 otherwise) and
 * only for the {@code default} tenant the demo fills; pressing a button needs a role that may act.
 */
@Controller
class SandboxPageController {

  static final int CALLS_SHOWN = 30;

  private final ObjectProvider<Sandbox> sandbox;

  SandboxPageController(ObjectProvider<Sandbox> sandbox) {
    this.sandbox = sandbox;
  }

  @GetMapping("/sandbox")
  String page(@AuthenticationPrincipal ConsoleAccount account, Model model) {
    fill(sandbox(account), model);
    return "sandbox";
  }

  /** The sandbox's contents alone, for htmx's polling. */
  @GetMapping("/sandbox/feed")
  String feed(@AuthenticationPrincipal ConsoleAccount account, Model model) {
    fill(sandbox(account), model);
    return "sandbox :: feed";
  }

  @PostMapping("/sandbox/press")
  String press(
      @AuthenticationPrincipal ConsoleAccount account,
      @RequestParam String conversation,
      @RequestParam String ts,
      @RequestParam String action,
      RedirectAttributes redirect) {
    Sandbox.Pressed pressed = sandbox(account).press(conversation, ts, action);
    redirect.addFlashAttribute(pressed.sent() ? "notice" : "problem", pressed.message());
    return "redirect:/sandbox";
  }

  private void fill(Sandbox sandbox, Model model) {
    model.addAttribute("messages", sandbox.slackMessages());
    model.addAttribute("issues", sandbox.jiraIssues());
    model.addAttribute("calls", sandbox.calls(CALLS_SHOWN));
    model.addAttribute("replies", sandbox.replies());
  }

  private Sandbox sandbox(ConsoleAccount account) {
    Sandbox found = sandbox.getIfAvailable();
    if (found == null || !account.tenantId().equals(Tenants.DEFAULT)) {
      throw new BatonException.NotFound("page", "/sandbox");
    }
    return found;
  }
}
