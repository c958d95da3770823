package dev.baton.console;

import dev.baton.audit.AuditEntry;
import dev.baton.audit.AuditLog;
import java.util.List;
import org.springframework.security.core.annotation.AuthenticationPrincipal;
import org.springframework.stereotype.Controller;
import org.springframework.ui.Model;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.RequestParam;

/** The audit log page by page, and the verification of the tenant's hash chain on request. */
@Controller
class AuditPageController {

  static final int PAGE_SIZE = 50;

  private final AuditLog audit;

  AuditPageController(AuditLog audit) {
    this.audit = audit;
  }

  @GetMapping("/audit")
  String audit(
      @AuthenticationPrincipal ConsoleAccount account,
      @RequestParam(defaultValue = "0") long after,
      @RequestParam(defaultValue = "false") boolean verify,
      Model model) {
    List<AuditEntry> entries = audit.page(account.tenantId(), Math.max(0, after), PAGE_SIZE + 1);
    boolean more = entries.size() > PAGE_SIZE;
    List<AuditEntry> shown = more ? entries.subList(0, PAGE_SIZE) : entries;
    model.addAttribute("entries", shown);
    model.addAttribute("next", more ? shown.get(shown.size() - 1).seq() : null);
    if (verify) {
      model.addAttribute("verification", audit.verify(account.tenantId()));
    }
    return "audit";
  }
}
