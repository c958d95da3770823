package dev.baton.workitem;

import dev.baton.platform.Caller;
import java.util.Map;
import org.springframework.security.core.annotation.AuthenticationPrincipal;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RestController;

/**
 * {@code POST /api/v1/policies/{name}/simulate}: what a stored version (default the active one) or
 * a draft would decide, without changing anything (see {@link PolicySimulation}).
 */
@RestController
class SimulationController {

  private final PolicySimulation simulation;

  SimulationController(PolicySimulation simulation) {
    this.simulation = simulation;
  }

  @PostMapping("/api/v1/policies/{name}/simulate")
  Map<String, Object> simulate(
      @AuthenticationPrincipal Caller caller,
      @PathVariable String name,
      @RequestBody PolicySimulation.Request request) {
    return simulation.simulate(caller.tenantId(), name, request);
  }
}
