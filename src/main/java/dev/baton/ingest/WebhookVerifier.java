package dev.baton.ingest;

import java.time.Instant;
import java.util.List;
import org.jspecify.annotations.NullMarked;
import org.jspecify.annotations.Nullable;

/**
 * Proves that a webhook request came from the integration's sender and names the delivery, before
 * anything of it is stored. Implementations are pure: no I/O, no clock (the caller passes {@code
 * now}), safe to share between threads.
 *
 * <p>Contract:
 *
 * <ul>
 *   <li>{@code rawBody} is the body exactly as received; signatures are checked on these bytes,
 *       never on a re-encoded form.
 *   <li>{@code secrets} are the integration's active secrets, one or two (two while a secret is
 *       rotated). The request is authentic if <em>any</em> of them matches. Every comparison is
 *       constant-time ({@link java.security.MessageDigest#isEqual}).
 *   <li>A required header that is missing or malformed throws {@link
 *       dev.baton.platform.BatonException.BadRequest} naming the header (400); so does a body from
 *       which the delivery id cannot be read.
 *   <li>A signature or token that no secret produces throws {@link SignatureRejected} (401); a
 *       valid signature whose signed timestamp is more than five minutes from {@code now} throws
 *       {@link StaleTimestamp} (401).
 *   <li>No secret and no signature, received or computed, appears in any message.
 *   <li>An empty secret list or more than two secrets is a configuration fault and throws {@link
 *       IllegalArgumentException}; so does a secret that is not in the provider's format.
 * </ul>
 *
 * <p>Example: {@code Verifiers.forProvider(Provider.GITHUB).verify(headers, body, List.of(secret),
 * clock.instant()).deliveryId()} is the {@code X-GitHub-Delivery} header of an authentic request.
 */
@NullMarked
public interface WebhookVerifier {

  Verified verify(WebhookHeaders headers, byte[] rawBody, List<String> secrets, Instant now);

  /**
   * What an authentic request says about itself.
   *
   * @param deliveryId the sender's own id of this delivery, stable across its retries: the dedupe
   *     key
   * @param eventType the sender's event name when the verifier can see it cheaply; null when only
   *     the payload parser knows it
   */
  record Verified(String deliveryId, @Nullable String eventType) {}
}
