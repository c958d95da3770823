package dev.baton.tenant;

import dev.baton.audit.AuditLog;
import dev.baton.audit.AuditRecord;
import dev.baton.platform.Actor;
import dev.baton.platform.BatonException;
import dev.baton.platform.Ids;
import dev.baton.platform.Validation;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.security.SecureRandom;
import java.sql.Array;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Arrays;
import java.util.Base64;
import java.util.HexFormat;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import java.util.UUID;
import org.jspecify.annotations.Nullable;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

/**
 * API tokens: {@code bt_} and 256 random bits, shown once, stored as a SHA-256 hash (the value is
 * high-entropy, so a fast hash is enough and lookups stay one indexed read), scoped, revocable,
 * with their last use recorded (at most once a minute per token).
 */
@Service
public class ApiTokens {

  static final String PREFIX = "bt_";
  private static final SecureRandom RANDOM = new SecureRandom();
  private static final Duration LAST_USE_RESOLUTION = Duration.ofMinutes(1);

  private final JdbcClient jdbc;
  private final AuditLog audit;
  private final KnownPeople people;
  private final Clock clock;

  ApiTokens(JdbcClient jdbc, AuditLog audit, KnownPeople people, Clock clock) {
    this.jdbc = jdbc;
    this.audit = audit;
    this.people = people;
    this.clock = clock;
  }

  /** What a caller asks for when creating a token. */
  public record Request(
      @Nullable String name,
      @Nullable List<String> scopes,
      @Nullable String person,
      @Nullable Instant expiresAt) {}

  @Transactional
  public ApiToken.Created create(String tenantId, Request request, Actor actor, String source) {
    return create(tenantId, request, actor, source, null);
  }

  /** Creates a token; {@code value} fixes its value (the bootstrap token), else one is drawn. */
  @Transactional
  public ApiToken.Created create(
      String tenantId, Request request, Actor actor, String source, @Nullable String value) {
    Validation v = new Validation().require(request.name(), "name");
    v.maxLength(request.name(), "name", 200);
    List<String> scopes = request.scopes() == null ? List.of() : request.scopes();
    v.when(scopes.isEmpty(), "scopes", "at least one scope is required");
    for (String scope : scopes) {
      v.when(
          !Scopes.KNOWN.contains(scope),
          "scopes",
          "unknown scope '" + scope + "'; known: " + String.join(", ", Scopes.KNOWN));
    }
    v.when(
        request.person() != null && !people.exists(tenantId, request.person()),
        "person",
        "person '" + request.person() + "' does not exist");
    v.when(
        request.expiresAt() != null && !request.expiresAt().isAfter(Instant.now(clock)),
        "expiresAt",
        "must be in the future");
    v.check();
    String name = java.util.Objects.requireNonNull(request.name());
    String tokenValue = value == null ? generate() : value;
    UUID id = Ids.newId(clock);
    Instant now = Instant.now(clock).truncatedTo(java.time.temporal.ChronoUnit.MICROS);
    String prefix = tokenValue.substring(0, Math.min(tokenValue.length(), 8));
    jdbc.sql(
            """
            insert into api_tokens (tenant_id, id, name, token_hash, prefix, scopes, person_id,
              created_at, expires_at)
            values (:tenant, :id, :name, :hash, :prefix, :scopes, :person, :now, :expires)
            """)
        .param("tenant", tenantId)
        .param("id", id)
        .param("name", request.name())
        .param("hash", hash(tokenValue))
        .param("prefix", prefix)
        .param("scopes", scopes.toArray(String[]::new))
        .param("person", request.person())
        .param("now", Timestamp.from(now))
        .param("expires", request.expiresAt() == null ? null : Timestamp.from(request.expiresAt()))
        .update();
    ApiToken token =
        new ApiToken(
            id.toString(),
            name,
            prefix,
            List.copyOf(scopes),
            request.person(),
            now,
            request.expiresAt(),
            null,
            null);
    audit.append(
        tenantId,
        new AuditRecord(
            actor, source, "api-token", id.toString(), "api-token.created", null, null, token));
    return new ApiToken.Created(token, tokenValue);
  }

  public List<ApiToken> list(String tenantId) {
    return jdbc.sql("select * from api_tokens where tenant_id = :tenant order by created_at, id")
        .param("tenant", tenantId)
        .query(ApiTokens::token)
        .list();
  }

  @Transactional
  public ApiToken revoke(String tenantId, String tokenId, Actor actor, String source) {
    UUID id = parseId(tokenId);
    ApiToken before =
        jdbc.sql("select * from api_tokens where tenant_id = :tenant and id = :id for update")
            .param("tenant", tenantId)
            .param("id", id)
            .query(ApiTokens::token)
            .optional()
            .orElseThrow(() -> new BatonException.NotFound("api-token", tokenId));
    if (before.revokedAt() != null) {
      return before;
    }
    jdbc.sql("update api_tokens set revoked_at = :now where tenant_id = :tenant and id = :id")
        .param("now", Timestamp.from(Instant.now(clock)))
        .param("tenant", tenantId)
        .param("id", id)
        .update();
    ApiToken after =
        jdbc.sql("select * from api_tokens where tenant_id = :tenant and id = :id")
            .param("tenant", tenantId)
            .param("id", id)
            .query(ApiTokens::token)
            .single();
    audit.append(
        tenantId,
        new AuditRecord(
            actor, source, "api-token", tokenId, "api-token.revoked", null, before, after));
    return after;
  }

  /** A token that authenticates, with its tenant. */
  record Authenticated(String tenantId, ApiToken token) {}

  /** Looks a presented value up; empty when unknown, revoked or expired. */
  Optional<Authenticated> authenticate(String presented) {
    Instant now = Instant.now(clock).truncatedTo(java.time.temporal.ChronoUnit.MICROS);
    record Found(String tenantId, ApiToken token) {}
    Optional<Found> found =
        jdbc.sql(
                """
                select * from api_tokens where token_hash = :hash and revoked_at is null
                  and (expires_at is null or expires_at > :now)
                """)
            .param("hash", hash(presented))
            .param("now", Timestamp.from(now))
            .query((rs, row) -> new Found(rs.getString("tenant_id"), token(rs, row)))
            .optional();
    found.ifPresent(
        f -> {
          Instant last = f.token().lastUsedAt();
          if (last == null || last.plus(LAST_USE_RESOLUTION).isBefore(now)) {
            jdbc.sql(
                    "update api_tokens set last_used_at = :now where tenant_id = :tenant and id ="
                        + " :id")
                .param("now", Timestamp.from(now))
                .param("tenant", f.tenantId())
                .param("id", UUID.fromString(f.token().id()))
                .update();
          }
        });
    return found.map(f -> new Authenticated(f.tenantId(), f.token()));
  }

  static String generate() {
    byte[] bytes = new byte[32];
    RANDOM.nextBytes(bytes);
    return PREFIX + Base64.getUrlEncoder().withoutPadding().encodeToString(bytes);
  }

  static String hash(String value) {
    try {
      return HexFormat.of()
          .formatHex(
              MessageDigest.getInstance("SHA-256").digest(value.getBytes(StandardCharsets.UTF_8)));
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException(e);
    }
  }

  private static UUID parseId(String id) {
    try {
      return UUID.fromString(id);
    } catch (IllegalArgumentException e) {
      throw new BatonException.NotFound("api-token", id);
    }
  }

  static ApiToken token(ResultSet rs, int row) throws SQLException {
    Array scopes = rs.getArray("scopes");
    return new ApiToken(
        rs.getObject("id", UUID.class).toString(),
        rs.getString("name"),
        rs.getString("prefix"),
        Arrays.asList((String[]) scopes.getArray()),
        rs.getString("person_id"),
        Objects.requireNonNull(instant(rs, "created_at")),
        instant(rs, "expires_at"),
        instant(rs, "revoked_at"),
        instant(rs, "last_used_at"));
  }

  private static @Nullable Instant instant(ResultSet rs, String column) throws SQLException {
    Timestamp ts = rs.getTimestamp(column);
    return ts == null ? null : ts.toInstant();
  }
}
