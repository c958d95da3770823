package dev.baton.console;

import dev.baton.platform.Page;
import dev.baton.workitem.WorkItemFilter;
import dev.baton.workitem.WorkItemQuery;
import dev.baton.workitem.WorkItems;
import org.jspecify.annotations.Nullable;
import org.springframework.security.core.annotation.AuthenticationPrincipal;
import org.springframework.stereotype.Controller;
import org.springframework.ui.Model;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.ModelAttribute;
import org.springframework.web.bind.annotation.RequestParam;

/**
 * The work item list: filters, cursor pages (newest first, no total count), and on the first page
 * rows that htmx refreshes every few seconds so new work shows up while one watches.
 */
@Controller
class WorkListController {

  static final int PAGE_SIZE = 50;

  private final WorkItemQuery query;

  WorkListController(WorkItemQuery query) {
    this.query = query;
  }

  /** The list's filter form; blank fields filter nothing. */
  record Filter(
      @Nullable String state,
      @Nullable String owner,
      @Nullable String team,
      @Nullable String priority,
      @Nullable String type,
      @Nullable String source,
      @Nullable String text) {

    WorkItemFilter toQuery() {
      return new WorkItemFilter(
          blank(state),
          null,
          blank(team),
          blank(priority),
          blank(type),
          blank(source),
          blank(text));
    }

    private static @Nullable String blank(@Nullable String value) {
      return value == null || value.isBlank() ? null : value.trim();
    }
  }

  @GetMapping("/work-items")
  String list(
      @AuthenticationPrincipal ConsoleAccount account,
      @ModelAttribute("filter") Filter filter,
      @RequestParam(required = false) @Nullable String cursor,
      Model model) {
    model.addAttribute("page", page(account, filter, cursor));
    model.addAttribute("live", cursor == null || cursor.isEmpty());
    return "work-items";
  }

  /** The rows alone, for htmx's polling of the first page. */
  @GetMapping("/work-items/rows")
  String rows(
      @AuthenticationPrincipal ConsoleAccount account,
      @ModelAttribute("filter") Filter filter,
      Model model) {
    model.addAttribute("page", page(account, filter, null));
    model.addAttribute("live", true);
    return "work-items :: rows";
  }

  private Page<WorkItems.WithAssignment> page(
      ConsoleAccount account, Filter filter, @Nullable String cursor) {
    return query.list(account.tenantId(), filter.toQuery(), cursor, PAGE_SIZE);
  }
}
