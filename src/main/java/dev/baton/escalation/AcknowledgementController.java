package dev.baton.escalation;

import dev.baton.platform.Caller;
import org.springframework.security.core.annotation.AuthenticationPrincipal;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RestController;

/**
 * {@code POST /api/v1/work-items/{id}/escalation/acknowledge}: a person the current notify step of
 * the item's escalation reached acknowledges it (a token bound to the person, or {@code
 * Baton-Acting-For}).
 */
@RestController
class AcknowledgementController {

  private final Acknowledgements acknowledgements;

  AcknowledgementController(Acknowledgements acknowledgements) {
    this.acknowledgements = acknowledgements;
  }

  @PostMapping("/api/v1/work-items/{id}/escalation/acknowledge")
  Acknowledgements.View acknowledge(
      @AuthenticationPrincipal Caller caller, @PathVariable String id) {
    return acknowledgements.acknowledge(caller.tenantId(), id, caller.actor(), "api");
  }
}
