package dev.baton.console;

import dev.baton.ingest.Inbox;
import dev.baton.ingest.InboxStats;
import dev.baton.ingest.IntegrationView;
import dev.baton.ingest.Integrations;
import dev.baton.platform.BatonException;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
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
import org.springframework.web.servlet.support.ServletUriComponentsBuilder;

/**
 * Integrations: the URL to configure at the vendor, the last day's accepted, duplicate and rejected
 * requests with the reasons, the deliveries received, and secret rotation (add a new secret, shown
 * once, beside the old one; retire the old one once the vendor uses the new).
 */
@Controller
class IntegrationsPageController {

  static final Duration WINDOW = Duration.ofHours(24);
  static final int RECENT = 25;

  private final Integrations integrations;
  private final InboxStats stats;
  private final Inbox inbox;
  private final Clock clock;

  IntegrationsPageController(
      Integrations integrations, InboxStats stats, Inbox inbox, Clock clock) {
    this.integrations = integrations;
    this.stats = stats;
    this.inbox = inbox;
    this.clock = clock;
  }

  /** An integration with its hook URL and its requests over the last day. */
  record Row(IntegrationView integration, InboxStats.Outcomes outcomes) {}

  @GetMapping("/integrations")
  String list(@AuthenticationPrincipal ConsoleAccount account, Model model) {
    String tenant = account.tenantId();
    Instant since = Instant.now(clock).minus(WINDOW);
    List<Row> rows = new ArrayList<>();
    for (IntegrationView i : integrations.all(tenant)) {
      rows.add(new Row(i.withBaseUrl(baseUrl()), stats.outcomes(tenant, i.id(), since)));
    }
    model.addAttribute("integrations", rows);
    return "integrations";
  }

  @GetMapping("/integrations/{id}")
  String show(
      @AuthenticationPrincipal ConsoleAccount account, @PathVariable String id, Model model) {
    String tenant = account.tenantId();
    IntegrationView integration = integrations.get(tenant, id).withBaseUrl(baseUrl());
    model.addAttribute("integration", integration);
    model.addAttribute(
        "outcomes", stats.outcomes(tenant, integration.id(), Instant.now(clock).minus(WINDOW)));
    model.addAttribute("deliveries", inbox.list(tenant, id, null, null, RECENT).items());
    return "integration";
  }

  /** Adds a new secret (given, or generated) and shows it this once. */
  @PostMapping("/integrations/{id}/secrets")
  String rotate(
      @AuthenticationPrincipal ConsoleAccount account,
      @PathVariable String id,
      @RequestParam(required = false) @Nullable String secret,
      Model model) {
    try {
      Integrations.RotatedSecret rotated =
          integrations.rotateSecret(
              account.tenantId(), id, secret, account.actor(), ConsoleAccount.SOURCE);
      model.addAttribute("newSecret", rotated);
      model.addAttribute(
          "notice",
          "Secret added. Configure it at the vendor, then retire the old one; until then both"
              + " are accepted.");
    } catch (BatonException.NotFound e) {
      throw e;
    } catch (BatonException e) {
      model.addAttribute("problem", Problems.describe(e));
    }
    return show(account, id, model);
  }

  @PostMapping("/integrations/{id}/secrets/{index}/retire")
  String retire(
      @AuthenticationPrincipal ConsoleAccount account,
      @PathVariable String id,
      @PathVariable int index,
      RedirectAttributes redirect) {
    try {
      integrations.retireSecret(
          account.tenantId(), id, index, account.actor(), ConsoleAccount.SOURCE);
      redirect.addFlashAttribute("notice", "Secret " + index + " retired.");
    } catch (BatonException.NotFound e) {
      if (!"secret".equals(e.details().get("kind"))) {
        throw e;
      }
      redirect.addFlashAttribute("problem", Problems.describe(e));
    } catch (BatonException e) {
      redirect.addFlashAttribute("problem", Problems.describe(e));
    }
    return "redirect:/integrations/" + id;
  }

  /** The base URL the browser reached Baton at (forwarded headers are honoured). */
  private static String baseUrl() {
    return ServletUriComponentsBuilder.fromCurrentContextPath().build().toUriString();
  }
}
