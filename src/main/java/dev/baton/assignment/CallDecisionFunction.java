package dev.baton.assignment;

import com.standardwebhooks.Webhook;
import com.standardwebhooks.exceptions.EmptyWebhookSecretException;
import com.standardwebhooks.exceptions.WebhookSigningException;
import dev.baton.platform.Ids;
import dev.baton.policy.DecisionFunctions;
import dev.baton.policy.ItemFacts;
import dev.baton.routing.FunctionAnswer;
import dev.baton.routing.FunctionCall;
import java.io.IOException;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.net.http.HttpTimeoutException;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import org.jspecify.annotations.Nullable;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.beans.factory.DisposableBean;
import org.springframework.stereotype.Component;
import tools.jackson.databind.json.JsonMapper;

/**
 * Asks a decision function for a rule's target: POSTs {@code {"function", "workItem", "policy",
 * "rule"}} with only the item fields the function declares, signed per Standard Webhooks ({@code
 * webhook-id}, {@code webhook-timestamp}, {@code webhook-signature}), and reads the answer. The
 * whole call, connecting included, is bounded by the function's timeout; redirects are not followed
 * and at most {@value #MAX_ANSWER_BYTES} bytes of answer are read.
 *
 * <p>Never throws for what the endpoint does: a timeout, an unreachable host, a status other than
 * 2xx or a bad answer is a failed {@link FunctionAnswer} with the reason, which the engine records
 * and falls through on.
 */
@Component
class CallDecisionFunction implements DisposableBean {

  static final int MAX_ANSWER_BYTES = 64 * 1024;
  private static final Logger log = LoggerFactory.getLogger(CallDecisionFunction.class);

  private final DecisionFunctions functions;
  private final JsonMapper json;
  private final Clock clock;
  // one client per timeout (100..10000 ms): the connect timeout belongs to the client
  private final Map<Integer, HttpClient> clients = new ConcurrentHashMap<>();

  CallDecisionFunction(DecisionFunctions functions, JsonMapper json, Clock clock) {
    this.functions = functions;
    this.json = json;
    this.clock = clock;
  }

  /**
   * Calls the function {@code call} names for an item routed by {@code policy} v{@code version}.
   */
  FunctionAnswer call(
      String tenantId, FunctionCall call, ItemFacts item, String policy, int version) {
    Optional<DecisionFunctions.Endpoint> found = functions.endpoint(tenantId, call.function());
    if (found.isEmpty()) {
      return failed(tenantId, call, "is not registered");
    }
    DecisionFunctions.Endpoint function = found.get();
    String refused = functions.urlProblem(function.url().toString());
    if (refused != null) {
      return failed(tenantId, call, "may not be called: its url " + refused);
    }
    String body = json.writeValueAsString(payload(call, function, item, policy, version));
    String messageId = "msg_" + Ids.newId(clock);
    long timestamp = Instant.now(clock).getEpochSecond();
    HttpRequest request =
        HttpRequest.newBuilder(function.url())
            .timeout(Duration.ofMillis(function.timeoutMs()))
            .header("Content-Type", "application/json")
            .header("webhook-id", messageId)
            .header("webhook-timestamp", Long.toString(timestamp))
            .header("webhook-signature", sign(function.secret(), messageId, timestamp, body))
            .POST(HttpRequest.BodyPublishers.ofString(body))
            .build();
    CompletableFuture<HttpResponse<byte[]>> pending =
        client(function.timeoutMs())
            .sendAsync(
                request,
                info ->
                    info.statusCode() / 100 == 2
                        ? new BoundedBody(MAX_ANSWER_BYTES)
                        : HttpResponse.BodySubscribers.replacing(new byte[0]));
    HttpResponse<byte[]> response;
    try {
      response = pending.get(function.timeoutMs(), TimeUnit.MILLISECONDS);
    } catch (TimeoutException e) {
      pending.cancel(true);
      return failed(tenantId, call, "timed out after " + function.timeoutMs() + " ms");
    } catch (InterruptedException e) {
      pending.cancel(true);
      Thread.currentThread().interrupt();
      return failed(tenantId, call, "was interrupted");
    } catch (ExecutionException e) {
      return failed(tenantId, call, failure(e.getCause(), function.timeoutMs()));
    }
    if (response.statusCode() / 100 != 2) {
      return failed(tenantId, call, "answered HTTP " + response.statusCode());
    }
    FunctionAnswer answer = FunctionAnswerReader.read(call, response.body());
    if (!answer.ok()) {
      log.info(
          "Decision function {} of tenant {} (rule {}) {}",
          call.function(),
          tenantId,
          call.rule(),
          answer.error());
    }
    return answer;
  }

  private static Map<String, Object> payload(
      FunctionCall call,
      DecisionFunctions.Endpoint function,
      ItemFacts item,
      String policy,
      int version) {
    Map<String, Object> payload = new LinkedHashMap<>();
    payload.put("function", function.id());
    payload.put("workItem", item.select(function.fields()));
    payload.put("policy", Map.of("name", policy, "version", version));
    payload.put("rule", call.rule());
    return payload;
  }

  private static String sign(String secret, String messageId, long timestamp, String body) {
    try {
      return new Webhook(secret).sign(messageId, timestamp, body);
    } catch (EmptyWebhookSecretException | WebhookSigningException e) {
      // the registry only stores valid secrets; reaching here is a fault of the stored row
      throw new IllegalStateException("the decision function's secret cannot sign", e);
    }
  }

  private static String failure(@Nullable Throwable cause, int timeoutMs) {
    Throwable c = cause;
    while (c != null) {
      if (c instanceof BoundedBody.TooLarge) {
        return "gave a bad answer: " + c.getMessage();
      }
      if (c instanceof HttpTimeoutException) {
        return "timed out after " + timeoutMs + " ms";
      }
      c = c.getCause();
    }
    if (cause == null) {
      return "failed";
    }
    String what = cause instanceof IOException ? "could not be reached" : "failed";
    return what + " (" + cause.getClass().getSimpleName() + ")";
  }

  private FunctionAnswer failed(String tenantId, FunctionCall call, String error) {
    log.info(
        "Decision function {} of tenant {} (rule {}) {}",
        call.function(),
        tenantId,
        call.rule(),
        error);
    return FunctionAnswer.failed(call.rule(), call.function(), error);
  }

  private HttpClient client(int timeoutMs) {
    return clients.computeIfAbsent(
        timeoutMs,
        t ->
            HttpClient.newBuilder()
                .connectTimeout(Duration.ofMillis(t))
                .followRedirects(HttpClient.Redirect.NEVER)
                .build());
  }

  @Override
  public void destroy() {
    clients.values().forEach(HttpClient::close);
  }
}
