package dev.baton.delivery.jira;

import java.net.URI;
import java.time.Instant;
import java.util.List;
import java.util.Locale;
import java.util.UUID;
import org.jspecify.annotations.Nullable;

/**
 * How Baton writes back to the Jira site of one Jira integration.
 *
 * @param baseUrl the site, e.g. {@code https://acme.atlassian.net}, without a trailing slash
 * @param email the Atlassian account of the API token ({@link AuthKind#BASIC}); null for bearer
 * @param credential the API token or OAuth access token, sealed for {@code
 *     <tenant>/jira/<integration id>}
 * @param fields the custom fields Baton owns on the issue and how it fills them
 * @param accountId Baton's own Jira accountId, so changes Baton made can be told from people's
 */
record JiraConnection(
    String tenantId,
    UUID integrationId,
    URI baseUrl,
    AuthKind authKind,
    @Nullable String email,
    byte[] credential,
    List<OwnedField> fields,
    Mode mode,
    @Nullable String accountId,
    int version,
    Instant createdAt,
    Instant updatedAt) {

  /** Basic (email and API token) or bearer (OAuth 2.0 access token). */
  enum AuthKind {
    BASIC,
    BEARER;

    String wireName() {
      return name().toLowerCase(Locale.ROOT);
    }
  }

  /** Rollout: {@code off} plans nothing, {@code shadow} records skipped deliveries, {@code on}. */
  enum Mode {
    OFF,
    SHADOW,
    ON;

    String wireName() {
      return name().toLowerCase(Locale.ROOT);
    }

    static @Nullable Mode parse(String text) {
      for (Mode m : values()) {
        if (m.wireName().equals(text)) {
          return m;
        }
      }
      return null;
    }
  }

  /**
   * A custom field Baton owns.
   *
   * @param id the field id, {@code customfield_<n>}
   * @param value a template: literal text with {@code {state}}, {@code {owner}}, {@code {rule}},
   *     {@code {policyVersion}} or {@code {action}} filled from the event
   * @param type {@code text} sends the string, {@code option} sends {@code {"value": string}} (a
   *     select list)
   */
  record OwnedField(String id, String value, String type) {}

  static String secretContext(String tenantId, UUID integrationId) {
    return tenantId + "/jira/" + integrationId;
  }
}
