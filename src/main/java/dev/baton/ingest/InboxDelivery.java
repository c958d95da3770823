package dev.baton.ingest;

import java.time.Instant;
import java.util.Map;
import java.util.UUID;
import org.jspecify.annotations.Nullable;

/**
 * A stored webhook delivery as the API shows it.
 *
 * @param deliveryId the sender's delivery id: the dedupe key within the integration ({@code
 *     sha256:…} of it when it is long or holds control characters)
 * @param status {@code pending}, {@code processed} or {@code failed}
 * @param attempts processing attempts so far
 * @param nextAttemptAt when a pending delivery is due; null otherwise
 * @param lastError why the last attempt failed; null after success
 * @param outcome what processing did ({@code CREATED}, {@code UPDATED}, {@code STALE}, {@code
 *     IGNORED}, …, {@code ANSWERED} for Slack requests)
 * @param bodyKept false once retention has removed the raw body of a processed delivery
 * @param headers the headers that say what the delivery is; never signatures or tokens
 * @param body the raw body as text, only when asked for and valid UTF-8
 * @param bodyBase64 the raw body in base64, only when asked for and not valid UTF-8
 */
public record InboxDelivery(
    UUID id,
    UUID integrationId,
    String provider,
    String deliveryId,
    @Nullable String eventType,
    String status,
    int attempts,
    @Nullable Instant nextAttemptAt,
    @Nullable String lastError,
    @Nullable String outcome,
    Instant receivedAt,
    @Nullable Instant processedAt,
    int bodySize,
    boolean bodyKept,
    Map<String, String> headers,
    @Nullable String body,
    @Nullable String bodyBase64) {}
