package dev.baton.console;

import dev.baton.platform.BatonException;
import dev.baton.tenant.ConsoleRole;
import dev.baton.tenant.ConsoleUsers;
import java.util.Arrays;
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
 * The tenant's console users, for admins only (the security chain refuses the others): create a
 * user, change a role, reset a password, disable and enable, each through {@link ConsoleUsers} like
 * {@code baton user}, audited with the signed-in admin. A new password is shown once, after the
 * redirect, and never put in a URL.
 */
@Controller
class UsersPageController {

  private final ConsoleUsers users;

  UsersPageController(ConsoleUsers users) {
    this.users = users;
  }

  @GetMapping("/users")
  String list(@AuthenticationPrincipal ConsoleAccount account, Model model) {
    model.addAttribute("users", users.list(account.tenantId()));
    model.addAttribute(
        "roles", Arrays.stream(ConsoleRole.values()).map(ConsoleRole::wireName).toList());
    return "users";
  }

  @PostMapping("/users")
  String create(
      @AuthenticationPrincipal ConsoleAccount account,
      @RequestParam(required = false) @Nullable String username,
      @RequestParam(required = false) @Nullable String role,
      @RequestParam(required = false) @Nullable String person,
      RedirectAttributes redirect) {
    return act(
        redirect,
        () -> {
          ConsoleUsers.Created created =
              users.create(
                  account.tenantId(),
                  blank(username),
                  blank(role),
                  blank(person),
                  null,
                  account.actor(),
                  ConsoleAccount.SOURCE);
          showPassword(redirect, created);
          return "Created "
              + created.user().username()
              + " ("
              + created.user().role().wireName()
              + ").";
        });
  }

  @PostMapping("/users/{username}/role")
  String role(
      @AuthenticationPrincipal ConsoleAccount account,
      @PathVariable String username,
      @RequestParam(required = false) @Nullable String role,
      RedirectAttributes redirect) {
    return act(
        redirect,
        () -> {
          var user =
              users.changeRole(
                  account.tenantId(),
                  username,
                  blank(role),
                  account.actor(),
                  ConsoleAccount.SOURCE);
          return user.username() + " is now " + user.role().wireName() + ".";
        });
  }

  @PostMapping("/users/{username}/password")
  String resetPassword(
      @AuthenticationPrincipal ConsoleAccount account,
      @PathVariable String username,
      RedirectAttributes redirect) {
    return act(
        redirect,
        () -> {
          ConsoleUsers.Created reset =
              users.resetPassword(
                  account.tenantId(), username, account.actor(), ConsoleAccount.SOURCE);
          showPassword(redirect, reset);
          return "New password for " + reset.user().username() + ".";
        });
  }

  @PostMapping("/users/{username}/disable")
  String disable(
      @AuthenticationPrincipal ConsoleAccount account,
      @PathVariable String username,
      RedirectAttributes redirect) {
    return act(
        redirect,
        () ->
            users
                    .disable(account.tenantId(), username, account.actor(), ConsoleAccount.SOURCE)
                    .username()
                + " is disabled: they cannot sign in.");
  }

  @PostMapping("/users/{username}/enable")
  String enable(
      @AuthenticationPrincipal ConsoleAccount account,
      @PathVariable String username,
      RedirectAttributes redirect) {
    return act(
        redirect,
        () ->
            users
                    .enable(account.tenantId(), username, account.actor(), ConsoleAccount.SOURCE)
                    .username()
                + " may sign in again.");
  }

  private interface Change {
    String apply();
  }

  /** Runs a change and tells its outcome on the users page; a refusal changes nothing. */
  private static String act(RedirectAttributes redirect, Change change) {
    try {
      redirect.addFlashAttribute("notice", change.apply());
    } catch (BatonException e) {
      redirect.addFlashAttribute("problem", Problems.describe(e));
    }
    return "redirect:/users";
  }

  private static void showPassword(RedirectAttributes redirect, ConsoleUsers.Created created) {
    redirect.addFlashAttribute("passwordFor", created.user().username());
    redirect.addFlashAttribute("password", created.password());
  }

  private static @Nullable String blank(@Nullable String value) {
    return value == null || value.isBlank() ? null : value.trim();
  }
}
