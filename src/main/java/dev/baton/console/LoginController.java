package dev.baton.console;

import jakarta.servlet.http.HttpSession;
import org.jspecify.annotations.Nullable;
import org.springframework.stereotype.Controller;
import org.springframework.ui.Model;
import org.springframework.web.bind.annotation.GetMapping;

/**
 * The sign-in page; Spring Security checks the form it posts. It offers single sign-on when an
 * issuer is configured, and says why the last one was refused.
 */
@Controller
class LoginController {

  /** The session attribute holding why the last single sign-on was refused, shown once. */
  static final String SSO_PROBLEM = "baton.console.ssoProblem";

  private final OidcProperties oidc;

  LoginController(OidcProperties oidc) {
    this.oidc = oidc;
  }

  @GetMapping("/login")
  String login(@Nullable HttpSession session, Model model) {
    model.addAttribute("sso", oidc.enabled());
    if (session != null && session.getAttribute(SSO_PROBLEM) instanceof String problem) {
      model.addAttribute("ssoProblem", problem);
      session.removeAttribute(SSO_PROBLEM);
    }
    return "login";
  }
}
