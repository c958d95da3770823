package dev.baton.console;

import dev.baton.delivery.Deliveries;
import dev.baton.delivery.DeliveryRequests;
import dev.baton.platform.BatonException;
import org.jspecify.annotations.Nullable;
import org.springframework.security.core.annotation.AuthenticationPrincipal;
import org.springframework.stereotype.Controller;
import org.springframework.ui.Model;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.ModelAttribute;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.servlet.mvc.support.RedirectAttributes;
import org.springframework.web.util.UriComponentsBuilder;

/**
 * Deliveries: filter, inspect attempts, replay or discard one, and replay or discard everything the
 * filter matches. Each action is audited by the delivery module with the signed-in user as actor.
 */
@Controller
class DeliveriesPageController {

  static final int PAGE_SIZE = 50;

  private final Deliveries deliveries;

  DeliveriesPageController(Deliveries deliveries) {
    this.deliveries = deliveries;
  }

  /** The filter form; blank fields filter nothing. */
  record Filter(@Nullable String status, @Nullable String destination, @Nullable String workItem) {

    DeliveryRequests.Filter toQuery() {
      return new DeliveryRequests.Filter(
          blank(status), blank(destination), blank(workItem), null, null);
    }

    public boolean empty() {
      return blank(status) == null && blank(destination) == null && blank(workItem) == null;
    }

    public String query() {
      UriComponentsBuilder b = UriComponentsBuilder.fromPath("/deliveries");
      if (blank(status) != null) {
        b.queryParam("status", status);
      }
      if (blank(destination) != null) {
        b.queryParam("destination", destination);
      }
      if (blank(workItem) != null) {
        b.queryParam("workItem", workItem);
      }
      return b.encode().build().toUriString();
    }

    private static @Nullable String blank(@Nullable String value) {
      return value == null || value.isBlank() ? null : value.trim();
    }
  }

  @GetMapping("/deliveries")
  String list(
      @AuthenticationPrincipal ConsoleAccount account,
      @ModelAttribute("filter") Filter filter,
      @RequestParam(required = false) @Nullable String cursor,
      Model model) {
    model.addAttribute(
        "page", deliveries.list(account.tenantId(), filter.toQuery(), cursor, PAGE_SIZE));
    return "deliveries";
  }

  @PostMapping("/deliveries/{id}/replay")
  String replay(
      @AuthenticationPrincipal ConsoleAccount account,
      @PathVariable String id,
      @ModelAttribute Filter filter,
      RedirectAttributes redirect) {
    try {
      deliveries.replay(account.tenantId(), id, account.actor(), ConsoleAccount.SOURCE);
      redirect.addFlashAttribute("notice", "Delivery " + id + " replayed: it is pending again.");
    } catch (BatonException e) {
      redirect.addFlashAttribute("problem", Problems.describe(e));
    }
    return "redirect:" + filter.query();
  }

  @PostMapping("/deliveries/{id}/discard")
  String discard(
      @AuthenticationPrincipal ConsoleAccount account,
      @PathVariable String id,
      @ModelAttribute Filter filter,
      RedirectAttributes redirect) {
    try {
      deliveries.discard(account.tenantId(), id, account.actor(), ConsoleAccount.SOURCE);
      redirect.addFlashAttribute("notice", "Delivery " + id + " discarded: it will not be sent.");
    } catch (BatonException e) {
      redirect.addFlashAttribute("problem", Problems.describe(e));
    }
    return "redirect:" + filter.query();
  }

  @PostMapping("/deliveries/replay")
  String replayAll(
      @AuthenticationPrincipal ConsoleAccount account,
      @ModelAttribute Filter filter,
      RedirectAttributes redirect) {
    try {
      int n =
          deliveries
              .replay(account.tenantId(), filter.toQuery(), account.actor(), ConsoleAccount.SOURCE)
              .replayed();
      redirect.addFlashAttribute("notice", n + " deliveries replayed.");
    } catch (BatonException e) {
      redirect.addFlashAttribute("problem", Problems.describe(e));
    }
    return "redirect:" + filter.query();
  }

  @PostMapping("/deliveries/discard")
  String discardAll(
      @AuthenticationPrincipal ConsoleAccount account,
      @ModelAttribute Filter filter,
      RedirectAttributes redirect) {
    try {
      int n =
          deliveries
              .discard(account.tenantId(), filter.toQuery(), account.actor(), ConsoleAccount.SOURCE)
              .discarded();
      redirect.addFlashAttribute("notice", n + " deliveries discarded.");
    } catch (BatonException e) {
      redirect.addFlashAttribute("problem", Problems.describe(e));
    }
    return "redirect:" + filter.query();
  }
}
