/**
 * Signed outbound webhooks: a tenant's subscriptions (URL, event patterns, Standard Webhooks
 * secrets) and the {@code webhook} connector that POSTs each matching event to them, refusing
 * private and metadata addresses unless allow-listed.
 */
@NullMarked
@NamedInterface("webhook")
package dev.baton.delivery.webhook;

import org.jspecify.annotations.NullMarked;
import org.springframework.modulith.NamedInterface;
