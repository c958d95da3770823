package dev.baton.tenant;

import dev.baton.audit.AuditLog;
import dev.baton.audit.AuditRecord;
import dev.baton.platform.Actor;
import dev.baton.platform.BatonException;
import dev.baton.platform.Validation;
import java.sql.Timestamp;
import java.time.Clock;
import java.time.Instant;
import java.util.List;
import org.jspecify.annotations.Nullable;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

/** Tenants: the boundary of every piece of data. Each new tenant gets its first admin token. */
@Service
public class Tenants {

  public static final String DEFAULT = "default";

  private final JdbcClient jdbc;
  private final ApiTokens tokens;
  private final AuditLog audit;
  private final Clock clock;

  Tenants(JdbcClient jdbc, ApiTokens tokens, AuditLog audit, Clock clock) {
    this.jdbc = jdbc;
    this.tokens = tokens;
    this.audit = audit;
    this.clock = clock;
  }

  /** A tenant. */
  public record Tenant(String id, String name, Instant createdAt) {}

  /** A tenant just created with its first admin token. */
  public record Created(Tenant tenant, ApiToken.Created adminToken) {}

  public boolean any() {
    return jdbc.sql("select exists (select 1 from tenants)").query(Boolean.class).single();
  }

  public boolean exists(String tenantId) {
    return jdbc.sql("select exists (select 1 from tenants where tenant_id = :id)")
        .param("id", tenantId)
        .query(Boolean.class)
        .single();
  }

  public List<Tenant> list() {
    return jdbc.sql(
            "select tenant_id as id, display_name as name, created_at from tenants order by"
                + " tenant_id")
        .query(Tenant.class)
        .list();
  }

  /**
   * Creates a tenant and its first admin token; {@code tokenValue} fixes the token's value, else
   * one is drawn.
   */
  @Transactional
  public Created create(
      @Nullable String id,
      @Nullable String name,
      List<String> scopes,
      Actor actor,
      String source,
      @Nullable String tokenValue) {
    new Validation().require(id, "id").slug(id, "id").maxLength(name, "name", 200).check();
    String tenantId = java.util.Objects.requireNonNull(id);
    String display = name == null || name.isBlank() ? tenantId : name;
    Instant now = Instant.now(clock).truncatedTo(java.time.temporal.ChronoUnit.MICROS);
    int inserted =
        jdbc.sql(
                "insert into tenants (tenant_id, display_name, created_at) values (:id, :name,"
                    + " :now) on conflict do nothing")
            .param("id", tenantId)
            .param("name", display)
            .param("now", Timestamp.from(now))
            .update();
    if (inserted == 0) {
      throw new BatonException.Conflict("tenant '" + tenantId + "' already exists");
    }
    Tenant tenant = new Tenant(tenantId, display, now);
    audit.append(
        tenantId,
        new AuditRecord(actor, source, "tenant", tenantId, "tenant.created", null, null, tenant));
    ApiToken.Created token =
        tokens.create(
            tenantId,
            new ApiTokens.Request("admin (created with the tenant)", scopes, null, null),
            actor,
            source,
            tokenValue);
    return new Created(tenant, token);
  }
}
