package dev.baton.delivery.jira;

import dev.baton.platform.Caller;
import org.springframework.http.HttpStatus;
import org.springframework.http.ResponseEntity;
import org.springframework.security.core.annotation.AuthenticationPrincipal;
import org.springframework.web.bind.annotation.DeleteMapping;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PutMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RestController;

/**
 * {@code /api/v1/integrations/{id}/jira-connection}: how Baton writes back to the Jira site of a
 * Jira integration. PUT creates (201) or replaces (200); credentials are write-only.
 */
@RestController
class JiraConnectionController {

  private static final String PATH = "/api/v1/integrations/{id}/jira-connection";

  private final JiraConnections connections;

  JiraConnectionController(JiraConnections connections) {
    this.connections = connections;
  }

  @GetMapping(PATH)
  JiraConnectionView get(@AuthenticationPrincipal Caller caller, @PathVariable String id) {
    return connections.get(caller.tenantId(), id);
  }

  @PutMapping(value = PATH, consumes = "application/json")
  ResponseEntity<JiraConnectionView> save(
      @AuthenticationPrincipal Caller caller,
      @PathVariable String id,
      @RequestBody JiraConnectionRequest request) {
    JiraConnections.Saved saved =
        connections.save(caller.tenantId(), id, request, caller.actor(), "api");
    return ResponseEntity.status(saved.created() ? HttpStatus.CREATED : HttpStatus.OK)
        .body(saved.connection());
  }

  @DeleteMapping(PATH)
  ResponseEntity<Void> delete(@AuthenticationPrincipal Caller caller, @PathVariable String id) {
    connections.delete(caller.tenantId(), id, caller.actor(), "api");
    return ResponseEntity.noContent().build();
  }
}
