package dev.baton.workitem;

import dev.baton.assignment.AssignmentAction;
import dev.baton.platform.BatonException;
import dev.baton.platform.Caller;
import dev.baton.platform.IdempotencyKeys;
import dev.baton.platform.ProblemResponses;
import jakarta.servlet.http.HttpServletRequest;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.jspecify.annotations.Nullable;
import org.springframework.http.HttpStatus;
import org.springframework.http.ResponseEntity;
import org.springframework.security.core.annotation.AuthenticationPrincipal;
import org.springframework.transaction.PlatformTransactionManager;
import org.springframework.transaction.TransactionDefinition;
import org.springframework.transaction.support.TransactionTemplate;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestHeader;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RestController;

/**
 * Bulk requests: create up to {@value #MAX} items, or apply one action to up to {@value #MAX}
 * items. Each entry runs in its own savepoint and gets its own result, so one bad entry does not
 * fail the others; the whole request is idempotent under one {@code Idempotency-Key}.
 */
@RestController
@RequestMapping("/api/v1/work-items")
class BulkController {

  static final int MAX = 500;

  private final WorkItems items;
  private final WorkItemActions actions;
  private final IdempotencyKeys idempotency;
  private final TransactionTemplate savepoint;

  BulkController(
      WorkItems items,
      WorkItemActions actions,
      IdempotencyKeys idempotency,
      PlatformTransactionManager transactions) {
    this.items = items;
    this.actions = actions;
    this.idempotency = idempotency;
    this.savepoint = new TransactionTemplate(transactions);
    this.savepoint.setPropagationBehavior(TransactionDefinition.PROPAGATION_NESTED);
  }

  /** {@code {"items": [<work item>, ...]}}. */
  record BulkCreate(@Nullable List<NewWorkItem> items) {}

  /** {@code {"action": "...", "to": "...", "reason": "...", "ids": ["<id>", ...]}}. */
  record BulkAction(
      @Nullable String action,
      @Nullable String to,
      @Nullable String reason,
      @Nullable List<String> ids) {}

  @PostMapping("/bulk")
  ResponseEntity<String> create(
      @AuthenticationPrincipal Caller caller,
      @RequestBody BulkCreate request,
      @RequestHeader(name = "Idempotency-Key", required = false) @Nullable String key,
      HttpServletRequest http) {
    List<NewWorkItem> entries = checkSize("items", request.items());
    return idempotency.run(
        WorkItemController.key(caller, key, http),
        () -> {
          List<Map<String, Object>> results = new ArrayList<>();
          for (int i = 0; i < entries.size(); i++) {
            NewWorkItem entry = entries.get(i);
            String prefix = "items[" + i + "].";
            Map<String, Object> result = new LinkedHashMap<>();
            result.put("index", i);
            run(
                result,
                HttpStatus.CREATED,
                "item",
                () ->
                    WorkItemView.of(
                        items.create(caller.tenantId(), entry, prefix, caller.actor(), "api")));
            results.add(result);
          }
          return new IdempotencyKeys.Outcome(HttpStatus.OK, summary(results));
        });
  }

  @PostMapping("/actions")
  ResponseEntity<String> act(
      @AuthenticationPrincipal Caller caller,
      @RequestBody BulkAction request,
      @RequestHeader(name = "Idempotency-Key", required = false) @Nullable String key,
      HttpServletRequest http) {
    List<String> ids = checkSize("ids", request.ids());
    if (request.action() == null || request.action().isBlank()) {
      throw new BatonException.InvalidInput("action", "is required");
    }
    AssignmentAction.parse(request.action());
    WorkItemActions.Request action =
        new WorkItemActions.Request(request.action(), request.to(), request.reason());
    return idempotency.run(
        WorkItemController.key(caller, key, http),
        () -> {
          List<Map<String, Object>> results = new ArrayList<>();
          for (String id : ids) {
            Map<String, Object> result = new LinkedHashMap<>();
            result.put("id", id);
            // an action the policy holds for approval answers 202 with the request, as alone
            try {
              WorkItemActions.Submitted submitted =
                  java.util.Objects.requireNonNull(
                      savepoint.execute(
                          status ->
                              actions.submit(WorkItemActions.Acting.of(caller), id, action, null)));
              if (submitted.held() != null) {
                result.put("status", HttpStatus.ACCEPTED.value());
                result.put("approval", submitted.held());
              } else {
                result.put("status", HttpStatus.OK.value());
                result.put(
                    "item", WorkItemView.of(java.util.Objects.requireNonNull(submitted.applied())));
              }
            } catch (BatonException e) {
              result.put("status", ProblemResponses.status(e).value());
              result.put("problem", ProblemResponses.body(e));
            }
            results.add(result);
          }
          return new IdempotencyKeys.Outcome(HttpStatus.OK, summary(results));
        });
  }

  private void run(
      Map<String, Object> result,
      HttpStatus success,
      String field,
      java.util.function.Supplier<Object> work) {
    try {
      Object value = savepoint.execute(status -> work.get());
      result.put("status", success.value());
      result.put(field, value);
    } catch (BatonException e) {
      result.put("status", ProblemResponses.status(e).value());
      result.put("problem", ProblemResponses.body(e));
    }
  }

  private static Map<String, Object> summary(List<Map<String, Object>> results) {
    long ok = results.stream().filter(r -> r.get("status") instanceof Integer s && s < 300).count();
    Map<String, Object> body = new LinkedHashMap<>();
    body.put("succeeded", ok);
    body.put("failed", results.size() - ok);
    body.put("results", results);
    return body;
  }

  private static <T> List<T> checkSize(String field, @Nullable List<T> entries) {
    if (entries == null || entries.isEmpty()) {
      throw new BatonException.InvalidInput(field, "is required and must not be empty");
    }
    if (entries.size() > MAX) {
      throw new BatonException.InvalidInput(field, "at most " + MAX + " entries per request");
    }
    for (int i = 0; i < entries.size(); i++) {
      if (entries.get(i) == null) {
        throw new BatonException.InvalidInput(field + "[" + i + "]", "must not be null");
      }
    }
    return entries;
  }
}
