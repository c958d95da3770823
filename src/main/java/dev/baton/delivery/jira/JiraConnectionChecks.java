package dev.baton.delivery.jira;

import dev.baton.platform.Validation;
import java.net.URI;
import java.net.URISyntaxException;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.jspecify.annotations.Nullable;

/** Checks a connection request and reports every problem at once (422). */
final class JiraConnectionChecks {

  static final int MAX_FIELDS = 20;
  static final Set<String> PLACEHOLDERS =
      Set.of("state", "owner", "rule", "policyVersion", "action");
  private static final Pattern CUSTOM_FIELD = Pattern.compile("customfield_[0-9]{1,10}");
  private static final Pattern PLACEHOLDER = Pattern.compile("\\{([A-Za-z]+)}");
  private static final Pattern IPV4_LOOPBACK =
      Pattern.compile("127\\.\\d{1,3}\\.\\d{1,3}\\.\\d{1,3}");

  private JiraConnectionChecks() {}

  static final URI ATLASSIAN_TOKEN_URL = URI.create("https://auth.atlassian.com/oauth/token");

  /**
   * The request, checked; {@code auth} is null when the stored credentials are kept. {@code
   * tokenUrl} (default Atlassian's) and {@code accessTokenExpiresAt} are set for OAuth only.
   */
  record Checked(
      URI baseUrl,
      JiraConnectionRequest.@Nullable Auth auth,
      @Nullable URI tokenUrl,
      @Nullable Instant accessTokenExpiresAt,
      List<JiraConnection.OwnedField> fields,
      JiraConnection.Mode mode,
      @Nullable String accountId) {}

  static Checked check(JiraConnectionRequest r, boolean exists, boolean allowLoopbackHttp) {
    Validation v = new Validation();
    URI baseUrl = url(v, "baseUrl", r.baseUrl(), allowLoopbackHttp);
    OAuthChecked oauth = auth(v, r.auth(), exists, allowLoopbackHttp);
    List<JiraConnection.OwnedField> fields = fields(v, r.fields());
    JiraConnection.Mode mode =
        r.mode() == null ? JiraConnection.Mode.ON : JiraConnection.Mode.parse(r.mode());
    v.when(mode == null, "mode", "must be one of off, shadow, on");
    v.maxLength(r.accountId(), "accountId", 128);
    v.check();
    return new Checked(
        java.util.Objects.requireNonNull(baseUrl),
        r.auth(),
        oauth.tokenUrl(),
        oauth.expiresAt(),
        fields,
        java.util.Objects.requireNonNull(mode),
        r.accountId() == null || r.accountId().isBlank() ? null : r.accountId());
  }

  private record OAuthChecked(@Nullable URI tokenUrl, @Nullable Instant expiresAt) {}

  private static @Nullable URI url(
      Validation v, String field, @Nullable String text, boolean allowLoopbackHttp) {
    if (text == null || text.isBlank()) {
      v.add(field, "is required, e.g. https://your-domain.atlassian.net");
      return null;
    }
    URI uri;
    try {
      uri = new URI(text);
    } catch (URISyntaxException e) {
      v.add(field, "is not a valid URL: " + e.getReason());
      return null;
    }
    String problem = null;
    if (!uri.isAbsolute() || uri.getHost() == null) {
      problem = "must be an absolute https URL with a host";
    } else if (uri.getRawUserInfo() != null) {
      problem = "must not carry credentials (user:password@); use auth";
    } else if (uri.getRawQuery() != null || uri.getRawFragment() != null) {
      problem = "must not have a query or fragment";
    } else if (!secure(uri, allowLoopbackHttp)) {
      problem =
          "must use https (plain http only to a loopback host, and only with"
              + " baton.jira.allow-loopback-http=true)";
    } else if (text.length() > 500) {
      problem = "must be at most 500 characters";
    }
    if (problem != null) {
      v.add(field, problem);
      return null;
    }
    String trimmed = text.endsWith("/") ? text.substring(0, text.length() - 1) : text;
    return URI.create(trimmed);
  }

  private static boolean secure(URI uri, boolean allowLoopbackHttp) {
    String scheme = uri.getScheme().toLowerCase(Locale.ROOT);
    if (scheme.equals("https")) {
      return true;
    }
    String host = uri.getHost().toLowerCase(Locale.ROOT);
    boolean loopback =
        host.equals("localhost") || host.equals("[::1]") || IPV4_LOOPBACK.matcher(host).matches();
    return scheme.equals("http") && allowLoopbackHttp && loopback;
  }

  private static OAuthChecked auth(
      Validation v,
      JiraConnectionRequest.@Nullable Auth auth,
      boolean exists,
      boolean allowLoopbackHttp) {
    OAuthChecked none = new OAuthChecked(null, null);
    if (auth == null) {
      v.when(
          !exists,
          "auth",
          "is required: {email, apiToken}, {bearer} or {clientId, clientSecret, refreshToken}");
      return none;
    }
    boolean basic = present(auth.email()) || present(auth.apiToken());
    boolean bearer = present(auth.bearer());
    boolean oauth = auth.oauth();
    if ((basic ? 1 : 0) + (bearer ? 1 : 0) + (oauth ? 1 : 0) != 1) {
      v.add(
          "auth",
          "must be exactly one of {email, apiToken} (Basic), {bearer} (an OAuth 2.0 access token)"
              + " or {clientId, clientSecret, refreshToken} (OAuth 2.0 with refresh)");
      return none;
    }
    if (oauth) {
      v.require(auth.clientId(), "auth.clientId")
          .require(auth.clientSecret(), "auth.clientSecret")
          .require(auth.refreshToken(), "auth.refreshToken");
      v.maxLength(auth.clientId(), "auth.clientId", 255)
          .maxLength(auth.clientSecret(), "auth.clientSecret", 1024)
          .maxLength(auth.refreshToken(), "auth.refreshToken", 8192)
          .maxLength(auth.accessToken(), "auth.accessToken", 8192);
      URI tokenUrl =
          present(auth.tokenUrl())
              ? url(v, "auth.tokenUrl", auth.tokenUrl(), allowLoopbackHttp)
              : ATLASSIAN_TOKEN_URL;
      Instant expiresAt = null;
      String expiry = auth.accessTokenExpiresAt();
      if (present(expiry)) {
        try {
          expiresAt = Instant.parse(java.util.Objects.requireNonNull(expiry));
        } catch (java.time.format.DateTimeParseException e) {
          v.add(
              "auth.accessTokenExpiresAt",
              "must be an ISO 8601 instant, e.g. 2026-11-23T17:00:00Z");
        }
        v.when(
            !present(auth.accessToken()),
            "auth.accessTokenExpiresAt",
            "is the expiry of accessToken, which is missing");
      } else {
        v.when(
            present(auth.accessToken()),
            "auth.accessTokenExpiresAt",
            "is required with accessToken (when it expires, ISO 8601)");
      }
      return new OAuthChecked(tokenUrl, expiresAt);
    }
    if (basic) {
      v.require(auth.email(), "auth.email").require(auth.apiToken(), "auth.apiToken");
      String email = auth.email();
      v.when(
          email != null && !email.isBlank() && !email.contains("@"),
          "auth.email",
          "must be the email address of the Atlassian account");
      v.maxLength(auth.email(), "auth.email", 254)
          .maxLength(auth.apiToken(), "auth.apiToken", 1024);
    } else {
      v.maxLength(auth.bearer(), "auth.bearer", 4096);
    }
    return none;
  }

  private static List<JiraConnection.OwnedField> fields(
      Validation v, @Nullable List<JiraConnectionRequest.Field> fields) {
    List<JiraConnection.OwnedField> checked = new ArrayList<>();
    if (fields == null) {
      return checked;
    }
    v.when(fields.size() > MAX_FIELDS, "fields", "must list at most " + MAX_FIELDS + " fields");
    Set<String> seen = new java.util.HashSet<>();
    for (int i = 0; i < fields.size(); i++) {
      JiraConnectionRequest.Field f = fields.get(i);
      String at = "fields[" + i + "]";
      if (f == null) {
        v.add(at, "must be an object with id and value");
        continue;
      }
      String type = f.type() == null ? "text" : f.type();
      String id = f.id();
      String value = f.value();
      boolean ok = true;
      if (id == null || !CUSTOM_FIELD.matcher(id).matches()) {
        v.add(at + ".id", "must be a custom field id such as customfield_10050");
        ok = false;
      } else if (!seen.add(id)) {
        v.add(at + ".id", "'" + id + "' is listed twice");
        ok = false;
      }
      if (value == null || value.isBlank() || value.length() > 255) {
        v.add(at + ".value", "is required, at most 255 characters (a template, e.g. '{state}')");
        ok = false;
      } else {
        Matcher m = PLACEHOLDER.matcher(value);
        while (m.find()) {
          if (!PLACEHOLDERS.contains(m.group(1))) {
            v.add(
                at + ".value",
                "'{" + m.group(1) + "}' is not a placeholder; one of " + sorted(PLACEHOLDERS));
            ok = false;
          }
        }
      }
      if (!type.equals("text") && !type.equals("option")) {
        v.add(at + ".type", "must be text or option");
        ok = false;
      }
      if (ok && id != null && value != null) {
        checked.add(new JiraConnection.OwnedField(id, value, type));
      }
    }
    return checked;
  }

  private static List<String> sorted(Set<String> values) {
    return values.stream().sorted().map(p -> "{" + p + "}").toList();
  }

  private static boolean present(@Nullable String s) {
    return s != null && !s.isBlank();
  }
}
