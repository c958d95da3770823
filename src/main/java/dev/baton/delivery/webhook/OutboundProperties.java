package dev.baton.delivery.webhook;

import org.jspecify.annotations.Nullable;
import org.springframework.boot.context.properties.ConfigurationProperties;

/**
 * Where Baton may call out although the address is not public.
 *
 * @param allowlist comma-separated host names or CIDRs ({@code 127.0.0.1/32}, {@code fd12::/16})
 *     that outbound webhooks may reach although they are loopback, private, link-local or metadata
 *     addresses, and whose hosts may be called over plain http; also the environment variable
 *     {@code BATON_OUTBOUND_ALLOWLIST}. Empty by default.
 */
@ConfigurationProperties("baton.outbound")
record OutboundProperties(@Nullable String allowlist) {}
