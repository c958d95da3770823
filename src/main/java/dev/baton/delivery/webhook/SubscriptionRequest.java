package dev.baton.delivery.webhook;

import java.util.List;
import org.jspecify.annotations.Nullable;

/**
 * A subscription as a caller writes it. On creation {@code url} and {@code events} are required; on
 * a change, a field left out stays as it is.
 *
 * @param name unique in the tenant, a slug; defaults to the id
 * @param url where events are POSTed: https, or http to a host on the outbound allow-list
 * @param events event type patterns: {@code assignment.routed}, {@code assignment.*} or {@code *}
 *     ({@code delivery.*} events only when named explicitly)
 * @param secret a Standard Webhooks secret ({@code whsec_} + base64 of 24 to 64 bytes); drawn and
 *     shown once when left out; write-only, changed only by rotation
 * @param enabled false stops deliveries (default true); setting true again clears {@code
 *     disabledReason} and the failure streak
 */
public record SubscriptionRequest(
    @Nullable String name,
    @Nullable String url,
    @Nullable List<String> events,
    @Nullable String secret,
    @Nullable Boolean enabled,
    @Nullable String description) {}
