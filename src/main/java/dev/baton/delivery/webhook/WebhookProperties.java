package dev.baton.delivery.webhook;

import java.time.Duration;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

/**
 * How outbound webhooks are sent.
 *
 * @param connectTimeout how long to wait for a TCP/TLS connection (default 10 s)
 * @param requestTimeout how long to wait for the answer once connected (default 10 s)
 * @param disableAfter a subscription whose attempts have failed without a success for longer than
 *     this is disabled at its next failure (default 5 days)
 */
@ConfigurationProperties("baton.webhooks")
record WebhookProperties(
    @DefaultValue("10s") Duration connectTimeout,
    @DefaultValue("10s") Duration requestTimeout,
    @DefaultValue("5d") Duration disableAfter) {}
