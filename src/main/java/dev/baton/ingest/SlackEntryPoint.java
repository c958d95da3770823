package dev.baton.ingest;

import org.jspecify.annotations.Nullable;

/**
 * Answers a verified Slack request on a Slack integration's URL synchronously (Slack wants its
 * answer within 3 seconds): the Events API {@code url_verification} challenge, slash commands
 * ({@code application/x-www-form-urlencoded} with {@code command}) and interactions ({@code
 * payload=} with {@code block_actions} or {@code view_submission}).
 */
public interface SlackEntryPoint {

  /**
   * @param contentType the request's Content-Type header
   * @param rawBody the body exactly as received (already verified)
   */
  SlackReply answer(Integration integration, @Nullable String contentType, byte[] rawBody);

  /**
   * @param status the HTTP status to answer with (Slack expects 200 for handled requests)
   * @param body serialized as JSON; null answers an empty body
   */
  record SlackReply(int status, @Nullable Object body) {}
}
