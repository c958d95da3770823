package dev.baton.delivery;

import dev.baton.platform.BatonException;
import dev.baton.platform.Caller;
import dev.baton.platform.Page;
import java.util.List;
import org.jspecify.annotations.Nullable;
import org.springframework.http.MediaType;
import org.springframework.security.core.annotation.AuthenticationPrincipal;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;

/**
 * {@code GET /api/v1/events?after=<cursor>}: the tenant's events in commit order, for consumers
 * that poll. {@code next} is the cursor to pass as {@code after}; when a page comes back empty,
 * {@code next} repeats the cursor so a poller can keep asking with it.
 */
@RestController
class EventFeedController {

  private final EventFeed feed;

  EventFeedController(EventFeed feed) {
    this.feed = feed;
  }

  @GetMapping(value = "/api/v1/events", produces = MediaType.APPLICATION_JSON_VALUE)
  String feed(
      @AuthenticationPrincipal Caller caller,
      @RequestParam(required = false) @Nullable String after,
      @RequestParam(required = false) @Nullable Integer limit) {
    long afterSeq = parse(after);
    int max = Page.limit(limit);
    List<EventFeed.Row> rows = feed.page(caller.tenantId(), afterSeq, max);
    long last = rows.isEmpty() ? afterSeq : rows.get(rows.size() - 1).seq();
    StringBuilder body = new StringBuilder("{\"items\":[");
    for (int i = 0; i < rows.size(); i++) {
      if (i > 0) {
        body.append(',');
      }
      body.append(rows.get(i).cloudEvent());
    }
    body.append("],\"next\":\"").append(last).append("\"}");
    return body.toString();
  }

  private static long parse(@Nullable String after) {
    if (after == null || after.isEmpty()) {
      return 0;
    }
    try {
      long value = Long.parseLong(after);
      if (value < 0) {
        throw new NumberFormatException();
      }
      return value;
    } catch (NumberFormatException e) {
      throw new BatonException.InvalidInput(
          "after", "must be a cursor from an earlier answer's 'next'");
    }
  }
}
