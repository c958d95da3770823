package dev.baton.console;

import org.springframework.stereotype.Controller;
import org.springframework.web.bind.annotation.GetMapping;

/** The sign-in page; Spring Security checks the form it posts. */
@Controller
class LoginController {

  @GetMapping("/login")
  String login() {
    return "login";
  }
}
