package dev.baton.console;

import dev.baton.platform.BatonException;
import org.jspecify.annotations.Nullable;
import org.springframework.core.Ordered;
import org.springframework.core.annotation.Order;
import org.springframework.http.HttpStatus;
import org.springframework.security.core.annotation.AuthenticationPrincipal;
import org.springframework.web.bind.annotation.ControllerAdvice;
import org.springframework.web.bind.annotation.ExceptionHandler;
import org.springframework.web.bind.annotation.ModelAttribute;
import org.springframework.web.bind.annotation.ResponseStatus;

/**
 * What every console page's layout needs (who is signed in, whether they may act), and the pages
 * shown when something asked for is not there or not valid.
 */
@ControllerAdvice(basePackageClasses = ConsoleModel.class)
@Order(Ordered.HIGHEST_PRECEDENCE)
class ConsoleModel {

  private final org.springframework.beans.factory.ObjectProvider<dev.baton.demo.Sandbox> sandbox;

  ConsoleModel(org.springframework.beans.factory.ObjectProvider<dev.baton.demo.Sandbox> sandbox) {
    this.sandbox = sandbox;
  }

  /** Whether the menu shows the demo's sandbox page: in demo mode, to the demo's tenant. */
  @ModelAttribute("sandboxOn")
  boolean sandboxOn(@AuthenticationPrincipal @Nullable ConsoleAccount account) {
    return account != null
        && account.tenantId().equals(dev.baton.tenant.Tenants.DEFAULT)
        && sandbox.getIfAvailable() != null;
  }

  @ModelAttribute("account")
  @Nullable ConsoleAccount account(@AuthenticationPrincipal @Nullable ConsoleAccount account) {
    return account;
  }

  @ModelAttribute("mayAct")
  boolean mayAct(@AuthenticationPrincipal @Nullable ConsoleAccount account) {
    return account != null && account.mayAct();
  }

  @ExceptionHandler(BatonException.NotFound.class)
  @ResponseStatus(HttpStatus.NOT_FOUND)
  String notFound(BatonException e, org.springframework.ui.Model model) {
    model.addAttribute("problem", Problems.describe(e));
    return "problem";
  }

  @ExceptionHandler({BatonException.InvalidInput.class, BatonException.BadRequest.class})
  @ResponseStatus(HttpStatus.BAD_REQUEST)
  String invalid(BatonException e, org.springframework.ui.Model model) {
    model.addAttribute("problem", Problems.describe(e));
    return "problem";
  }
}
