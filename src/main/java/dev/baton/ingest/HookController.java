package dev.baton.ingest;

import dev.baton.platform.Correlation;
import jakarta.servlet.http.HttpServletRequest;
import java.io.IOException;
import java.net.URI;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;
import org.springframework.http.ProblemDetail;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.ExceptionHandler;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RestController;
import tools.jackson.databind.json.JsonMapper;

/**
 * {@code POST /hooks/{integrationId}}: where senders deliver webhooks. Open to anyone: the
 * provider's signature, checked by {@link ReceiveWebhook}, is the authentication. Answers 202
 * {@code {"status":"accepted","id":…}} once the delivery is stored, 200 {@code
 * {"status":"duplicate","id":…}} for a delivery id seen before, and a Slack request with the Slack
 * entry point's own answer. Rejections are problem details with a {@code reason}.
 *
 * <p>Answers are written as bytes with their content type set, so no {@code Accept} header can turn
 * a stored delivery into an error answer.
 */
@RestController
class HookController {

  private final ReceiveWebhook receiver;
  private final AnswerSlack slack;
  private final InboxWorker worker;
  private final JsonMapper json;

  HookController(ReceiveWebhook receiver, AnswerSlack slack, InboxWorker worker, JsonMapper json) {
    this.receiver = receiver;
    this.slack = slack;
    this.worker = worker;
    this.json = json;
  }

  @PostMapping("/hooks/{integrationId}")
  ResponseEntity<byte[]> receive(@PathVariable String integrationId, HttpServletRequest request)
      throws IOException {
    ReceiveWebhook.StoredDelivery stored =
        receiver.receive(
            new ReceiveWebhook.Request(
                integrationId,
                WebhookHeaders.of(headers(request)),
                request.getContentType(),
                request.getContentLengthLong(),
                request.getInputStream()));
    String id = stored.inboxId().toString();
    if (stored.duplicate()) {
      return answer(HttpStatus.OK.value(), Map.of("status", "duplicate", "id", id));
    }
    if (stored.integration().provider() == Provider.SLACK) {
      Optional<SlackEntryPoint.SlackReply> reply =
          slack.answerNow(
              stored.integration(),
              stored.inboxId(),
              stored.contentType(),
              stored.body(),
              stored.receivedAt());
      if (reply.isPresent()) {
        return answer(reply.get().status(), reply.get().body());
      }
    }
    worker.wake();
    return answer(HttpStatus.ACCEPTED.value(), Map.of("status", "accepted", "id", id));
  }

  @ExceptionHandler(HookRejected.class)
  ResponseEntity<ProblemDetail> rejected(HookRejected e) {
    HttpStatus status = HttpStatus.valueOf(e.reason().status());
    ProblemDetail problem = ProblemDetail.forStatusAndDetail(status, e.getMessage());
    problem.setType(URI.create("about:blank"));
    e.details().forEach(problem::setProperty);
    problem.setProperty("correlationId", Correlation.current());
    return ResponseEntity.status(status)
        .contentType(MediaType.APPLICATION_PROBLEM_JSON)
        .body(problem);
  }

  private ResponseEntity<byte[]> answer(
      int status, @org.jspecify.annotations.Nullable Object body) {
    if (body == null) {
      return ResponseEntity.status(status).build();
    }
    return ResponseEntity.status(status)
        .contentType(MediaType.APPLICATION_JSON)
        .body(json.writeValueAsBytes(body));
  }

  private static Map<String, List<String>> headers(HttpServletRequest request) {
    Map<String, List<String>> headers = new LinkedHashMap<>();
    for (String name : Collections.list(request.getHeaderNames())) {
      headers.put(name, Collections.list(request.getHeaders(name)));
    }
    return headers;
  }
}
