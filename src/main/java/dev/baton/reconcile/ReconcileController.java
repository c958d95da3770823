package dev.baton.reconcile;

import dev.baton.platform.BatonException;
import dev.baton.platform.Caller;
import java.util.List;
import java.util.Map;
import org.jspecify.annotations.Nullable;
import org.springframework.security.core.annotation.AuthenticationPrincipal;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;

/**
 * {@code POST /api/v1/integrations/{id}/reconcile?dryRun=true|false} runs a reconciliation of a
 * Jira integration now and answers its record; {@code GET .../reconcile-runs} lists the runs,
 * newest first, and {@code GET .../reconcile-runs/{runId}} shows one.
 */
@RestController
class ReconcileController {

  private static final String PATH = "/api/v1/integrations/{id}";

  private final RunReconciliation reconciliation;

  ReconcileController(RunReconciliation reconciliation) {
    this.reconciliation = reconciliation;
  }

  @PostMapping(PATH + "/reconcile")
  RunView reconcile(
      @AuthenticationPrincipal Caller caller,
      @PathVariable String id,
      @RequestParam(required = false) @Nullable String dryRun) {
    return reconciliation.now(caller.tenantId(), id, flag(dryRun), caller.actor());
  }

  @GetMapping(PATH + "/reconcile-runs")
  Map<String, List<RunView>> runs(
      @AuthenticationPrincipal Caller caller,
      @PathVariable String id,
      @RequestParam(required = false) @Nullable String limit) {
    return Map.of("items", reconciliation.list(caller.tenantId(), id, limit(limit)));
  }

  @GetMapping(PATH + "/reconcile-runs/{runId}")
  RunView run(
      @AuthenticationPrincipal Caller caller, @PathVariable String id, @PathVariable String runId) {
    return reconciliation.get(caller.tenantId(), id, runId);
  }

  private static boolean flag(@Nullable String dryRun) {
    if (dryRun == null || dryRun.equals("false")) {
      return false;
    }
    if (dryRun.equals("true")) {
      return true;
    }
    throw new BatonException.InvalidInput("dryRun", "must be true or false, was '" + dryRun + "'");
  }

  private static int limit(@Nullable String limit) {
    if (limit == null) {
      return 20;
    }
    try {
      int n = Integer.parseInt(limit);
      if (n >= 1 && n <= 100) {
        return n;
      }
    } catch (NumberFormatException e) {
      // answered below
    }
    throw new BatonException.InvalidInput("limit", "must be a number from 1 to 100");
  }
}
