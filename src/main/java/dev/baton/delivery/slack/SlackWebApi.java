package dev.baton.delivery.slack;

import com.slack.api.Slack;
import com.slack.api.SlackConfig;
import com.slack.api.methods.MethodsClient;
import com.slack.api.methods.SlackApiException;
import com.slack.api.methods.SlackApiTextResponse;
import com.slack.api.model.Message;
import com.slack.api.util.http.SlackHttpClient;
import dev.baton.delivery.Connector.Outcome;
import dev.baton.delivery.slack.PostedMessages.Posted;
import dev.baton.platform.Traces;
import java.io.IOException;
import java.io.InterruptedIOException;
import java.net.ConnectException;
import java.net.UnknownHostException;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;
import java.util.UUID;
import org.jspecify.annotations.Nullable;
import org.springframework.stereotype.Component;

/**
 * The Slack Web API calls the connector makes, through the official Slack Java SDK (stats off, the
 * methods URL at {@code baton.slack.api-url}). Every failure becomes a {@link SlackCallFailed}
 * carrying the delivery's outcome: Slack's {@code ratelimited}, HTTP 429, 5xx and timeouts are
 * transient (uncertain when the request may have landed); other {@code ok: false} errors are
 * permanent with Slack's error name.
 */
@Component
class SlackWebApi implements AutoCloseable {

  /** The metadata event type of Baton's messages. */
  static final String EVENT_TYPE = "baton_delivery";

  /** Slack errors worth retrying; every other {@code ok: false} error is permanent. */
  private static final Set<String> TRANSIENT_ERRORS =
      Set.of(
          "ratelimited",
          "rate_limited",
          "internal_error",
          "fatal_error",
          "service_unavailable",
          "request_timeout");

  private static final Duration LONGEST_RETRY_AFTER = Duration.ofHours(1);

  private final Slack slack;
  private final int historyLimit;

  SlackWebApi(SlackApiUrl apiUrl, SlackDeliveryProperties properties, Traces traces) {
    SlackConfig config = new SlackConfig();
    config.setStatsEnabled(false);
    config.setMethodsEndpointUrlPrefix(apiUrl.methodsPrefix());
    int timeout = Math.toIntExact(properties.effectiveTimeout().toMillis());
    config.setHttpClientCallTimeoutMillis(timeout);
    config.setHttpClientReadTimeoutMillis(timeout);
    config.setHttpClientWriteTimeoutMillis(timeout);
    // the SDK's own client with one more interceptor: every call carries the current traceparent
    // (calls are synchronous, so the interceptor runs on the thread whose span is current)
    SlackHttpClient http =
        new SlackHttpClient(
            SlackHttpClient.buildOkHttpClient(config)
                .newBuilder()
                .addInterceptor(
                    chain -> {
                      String traceparent = traces.traceparent();
                      okhttp3.Request request = chain.request();
                      return chain.proceed(
                          traceparent == null
                              ? request
                              : request
                                  .newBuilder()
                                  .header(Traces.TRACEPARENT, traceparent)
                                  .build());
                    })
                .build());
    http.setConfig(config);
    this.slack = Slack.getInstance(config, http);
    this.historyLimit = properties.effectiveHistoryLimit();
  }

  /** Releases the SDK's HTTP client (its connection pool and threads) when Baton stops. */
  @Override
  public void close() throws Exception {
    slack.close();
  }

  /** The metadata every message Baton posts carries. */
  static Message.Metadata metadata(UUID deliveryId, String workItemId) {
    return new Message.Metadata(
        EVENT_TYPE, Map.of("delivery_id", deliveryId.toString(), "work_item_id", workItemId));
  }

  /** Calls made with one bot token. */
  Session session(String botToken) {
    return new Session(slack.methods(botToken));
  }

  final class Session {

    private final MethodsClient methods;

    private Session(MethodsClient methods) {
      this.methods = methods;
    }

    /** chat.postMessage; a reply when {@code threadTs} is given. */
    Posted post(
        String channel,
        String text,
        @Nullable String blocks,
        Message.Metadata metadata,
        @Nullable String threadTs) {
      var response =
          call(
              "chat.postMessage",
              () ->
                  methods.chatPostMessage(
                      r -> {
                        r.channel(channel).text(text).metadata(metadata).unfurlLinks(false);
                        if (blocks != null) {
                          r.blocksAsString(blocks);
                        }
                        if (threadTs != null) {
                          r.threadTs(threadTs);
                        }
                        return r;
                      }));
      return new Posted(
          Objects.requireNonNullElse(response.getChannel(), channel),
          Objects.requireNonNull(response.getTs(), "chat.postMessage answered no ts"));
    }

    /** chat.update of the message at {@code posted}; its metadata stays as posted. */
    void update(Posted posted, String text, String blocks) {
      call(
          "chat.update",
          () ->
              methods.chatUpdate(
                  r ->
                      r.channel(posted.channelId())
                          .ts(posted.ts())
                          .text(text)
                          .blocksAsString(blocks)));
    }

    /**
     * The message an earlier, uncertain attempt of {@code deliveryId} posted, searched among the
     * channel's recent messages (or, with {@code threadTs}, the thread's replies) by metadata.
     */
    Optional<Posted> findPosted(String channelId, UUID deliveryId, @Nullable String threadTs) {
      List<Message> messages;
      if (threadTs == null) {
        messages =
            call(
                    "conversations.history",
                    () ->
                        methods.conversationsHistory(
                            r -> r.channel(channelId).limit(historyLimit).includeAllMetadata(true)))
                .getMessages();
      } else {
        messages =
            call(
                    "conversations.replies",
                    () ->
                        methods.conversationsReplies(
                            r ->
                                r.channel(channelId)
                                    .ts(threadTs)
                                    .limit(historyLimit)
                                    .includeAllMetadata(true)))
                .getMessages();
      }
      if (messages == null) {
        return Optional.empty();
      }
      String wanted = deliveryId.toString();
      return messages.stream()
          .filter(m -> m.getMetadata() != null && EVENT_TYPE.equals(m.getMetadata().getEventType()))
          .filter(
              m ->
                  m.getMetadata().getEventPayload() != null
                      && wanted.equals(m.getMetadata().getEventPayload().get("delivery_id")))
          .findFirst()
          .map(m -> new Posted(channelId, m.getTs()));
    }

    /**
     * The conversation id of a channel as a policy names it, for history searches: an id is kept, a
     * user's DM is opened ({@code conversations.open}), a name is looked up ({@code
     * conversations.list}, first pages only); empty when no channel has the name.
     */
    Optional<String> channelId(SlackDestination destination) {
      String channel = destination.postChannel();
      if (destination.isDm()) {
        var opened =
            call(
                "conversations.open",
                () -> methods.conversationsOpen(r -> r.users(List.of(channel))));
        return Optional.ofNullable(opened.getChannel()).map(c -> c.getId());
      }
      if (!channel.startsWith("#")) {
        return Optional.of(channel);
      }
      String name = channel.substring(1);
      String cursor = null;
      for (int page = 0; page < 10; page++) {
        String from = cursor;
        var listed =
            call(
                "conversations.list",
                () ->
                    methods.conversationsList(
                        r -> {
                          r.excludeArchived(true).limit(1000);
                          if (from != null) {
                            r.cursor(from);
                          }
                          return r;
                        }));
        if (listed.getChannels() != null) {
          for (var conversation : listed.getChannels()) {
            if (name.equals(conversation.getName())) {
              return Optional.of(conversation.getId());
            }
          }
        }
        cursor =
            listed.getResponseMetadata() == null
                ? null
                : listed.getResponseMetadata().getNextCursor();
        if (cursor == null || cursor.isEmpty()) {
          break;
        }
      }
      return Optional.empty();
    }
  }

  /** A Web API method as the SDK calls it. */
  @FunctionalInterface
  private interface Call<T extends SlackApiTextResponse> {
    T run() throws IOException, SlackApiException;
  }

  private static <T extends SlackApiTextResponse> T call(String method, Call<T> call) {
    T response;
    try {
      response = call.run();
    } catch (SlackApiException e) {
      throw httpFailure(method, e);
    } catch (ConnectException | UnknownHostException e) {
      throw new SlackCallFailed(
          method + ": " + e,
          new Outcome.Transient(null, "connection failed", false, null, excerpt(e.toString())));
    } catch (InterruptedIOException e) {
      throw new SlackCallFailed(
          method + " timed out",
          new Outcome.Transient(null, "timeout", true, null, method + " timed out"));
    } catch (IOException e) {
      throw new SlackCallFailed(
          method + ": " + e,
          new Outcome.Transient(null, "I/O error", true, null, excerpt(e.toString())));
    }
    if (!response.isOk()) {
      String error = Objects.requireNonNullElse(response.getError(), "unknown_error");
      String excerpt = method + ": " + error;
      Outcome outcome =
          TRANSIENT_ERRORS.contains(error)
              ? new Outcome.Transient(200, error, false, null, excerpt)
              : new Outcome.Permanent(200, error, excerpt);
      throw new SlackCallFailed(excerpt, outcome);
    }
    return response;
  }

  private static SlackCallFailed httpFailure(String method, SlackApiException e) {
    int status = e.getResponse().code();
    String body = excerpt(Objects.requireNonNullElse(e.getResponseBody(), ""));
    String error =
        e.getError() != null && e.getError().getError() != null
            ? e.getError().getError()
            : "http_" + status;
    if (status == 429) {
      return new SlackCallFailed(
          method + ": 429",
          new Outcome.Transient(
              status, error, false, retryAfter(e.getResponse().header("Retry-After")), body));
    }
    if (status == 408 || status == 425 || status >= 500) {
      return new SlackCallFailed(
          method + ": " + status, new Outcome.Transient(status, error, status >= 500, null, body));
    }
    return new SlackCallFailed(method + ": " + status, new Outcome.Permanent(status, error, body));
  }

  /** Slack's Retry-After, in seconds, within bounds; null when missing or unreadable. */
  static @Nullable Duration retryAfter(@Nullable String header) {
    if (header == null) {
      return null;
    }
    try {
      long seconds = Long.parseLong(header.trim());
      if (seconds < 0) {
        return null;
      }
      Duration wait = Duration.ofSeconds(seconds);
      return wait.compareTo(LONGEST_RETRY_AFTER) > 0 ? LONGEST_RETRY_AFTER : wait;
    } catch (NumberFormatException e) {
      return null;
    }
  }

  private static String excerpt(String text) {
    return text.length() <= 500 ? text : text.substring(0, 500);
  }
}
