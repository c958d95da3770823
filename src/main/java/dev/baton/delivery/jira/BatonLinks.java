package dev.baton.delivery.jira;

import java.net.URI;
import java.util.UUID;
import org.jspecify.annotations.Nullable;
import org.springframework.boot.context.properties.ConfigurationProperties;

/**
 * Links back to Baton in what the connector writes.
 *
 * @param publicUrl {@code baton.public-url}, the base URL people reach Baton at (the same setting
 *     the hook URLs use); when unset, comments carry the path alone
 */
@ConfigurationProperties("baton")
record BatonLinks(@Nullable URI publicUrl) {

  String workItem(UUID id) {
    String base = publicUrl == null ? "" : publicUrl.toString();
    if (base.endsWith("/")) {
      base = base.substring(0, base.length() - 1);
    }
    return base + "/api/v1/work-items/" + id;
  }
}
