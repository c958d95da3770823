package dev.baton.ingest;

import java.util.List;
import java.util.Map;
import org.jspecify.annotations.Nullable;

/**
 * An integration as a caller writes it (API body or configuration {@code spec}). On creation {@code
 * provider}, {@code name} and {@code secrets} are required; on a change, a field left out stays as
 * it is.
 *
 * @param provider one of the {@link Provider} wire names; fixed once created
 * @param name unique in the tenant, a slug such as {@code acme-github}
 * @param secrets one or two signing secrets in the provider's format; write-only
 * @param enabled false refuses every delivery (default true)
 * @param events the event types accepted; empty or left out accepts all
 * @param maxBodySize the largest body accepted, in bytes (default 1 MiB, at most 25 MiB)
 * @param botToken for Slack, the bot token ({@code xoxb-…}) the entry points open dialogs with;
 *     write-only, {@code ""} removes it
 * @param mapping for generic and Standard Webhooks senders, where each field is (field to JSON
 *     Pointer, see {@link GenericMapping}); {@code {}} returns to the default mapping
 * @param mode for Slack, the rollout of outgoing messages: {@code on} (default) sends, {@code
 *     shadow} records each planned message as a skipped delivery with what would have been sent,
 *     {@code off} plans none; see {@link #MODES}
 */
public record IntegrationRequest(
    @Nullable String provider,
    @Nullable String name,
    @Nullable List<String> secrets,
    @Nullable Boolean enabled,
    @Nullable List<String> events,
    @Nullable Long maxBodySize,
    @Nullable String botToken,
    @Nullable Map<String, String> mapping,
    @Nullable String mode) {

  /** The rollout modes of a Slack integration's outgoing messages. */
  public static final java.util.List<String> MODES = java.util.List.of("on", "shadow", "off");

  /** The mode of an integration that names none: on. */
  public static final String DEFAULT_MODE = "on";

  /** The body limit of an integration that names none: 1 MiB. */
  public static final long DEFAULT_MAX_BODY_SIZE = 1024L * 1024;

  /** The largest body limit: 25 MiB, since GitHub caps its payloads at 25 MB. */
  public static final long MAX_MAX_BODY_SIZE = 25L * 1024 * 1024;
}
