package dev.baton.policy;

import dev.baton.audit.AuditLog;
import dev.baton.audit.AuditRecord;
import dev.baton.platform.Actor;
import dev.baton.platform.BatonException;
import dev.baton.platform.Validation;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.time.Clock;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.Predicate;
import org.jspecify.annotations.Nullable;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

/**
 * Routing policies as immutable versions: create a version (validated and compiled), activate one,
 * roll back to the one before; every change audited with who and why. At most one active policy is
 * live ({@code mode: on}); others may run in {@code shadow}. Compiled versions are cached for the
 * life of the process: a version never changes.
 */
@Service
public class Policies {

  private final JdbcClient jdbc;
  private final AuditLog audit;
  private final PolicyReferences references;
  private final Clock clock;
  private final Map<String, CompiledPolicy> compiled = new ConcurrentHashMap<>();

  Policies(JdbcClient jdbc, AuditLog audit, PolicyReferences references, Clock clock) {
    this.jdbc = jdbc;
    this.audit = audit;
    this.references = references;
    this.clock = clock;
  }

  /** Validates and compiles a document without storing it. */
  public CompiledPolicy validate(String yaml) {
    return PolicyParser.compile(yaml);
  }

  /** Stores a new version of the policy the document names; the first version creates it. */
  @Transactional
  public PolicyVersion createVersion(
      String tenantId,
      @Nullable String pathName,
      String yaml,
      @Nullable String reason,
      Actor actor,
      String source) {
    CompiledPolicy policy = PolicyParser.compile(yaml);
    String name = policy.name();
    new Validation()
        .when(
            pathName != null && !pathName.equals(name),
            "metadata.name",
            "must be '" + pathName + "' (the policy in the path), not '" + name + "'")
        .slug(name, "metadata.name")
        .maxLength(reason, "reason", 2000)
        .check();
    Instant now = Instant.now(clock).truncatedTo(ChronoUnit.MICROS);
    jdbc.sql(
            "insert into policies (tenant_id, name, created_at, updated_at) values (:tenant, :name,"
                + " :now, :now) on conflict do nothing")
        .param("tenant", tenantId)
        .param("name", name)
        .param("now", Timestamp.from(now))
        .update();
    int version =
        jdbc.sql(
                "select coalesce(max(version), 0) + 1 from policy_versions where tenant_id ="
                    + " :tenant and name = :name")
            .param("tenant", tenantId)
            .param("name", name)
            .query(Integer.class)
            .single();
    jdbc.sql(
            """
            insert into policy_versions (tenant_id, name, version, document, mode, author, reason,
              created_at)
            values (:tenant, :name, :version, :document, :mode, :author, :reason, :now)
            """)
        .param("tenant", tenantId)
        .param("name", name)
        .param("version", version)
        .param("document", yaml)
        .param("mode", mode(policy))
        .param("author", actor.toString())
        .param("reason", reason)
        .param("now", Timestamp.from(now))
        .update();
    jdbc.sql("update policies set updated_at = :now where tenant_id = :tenant and name = :name")
        .param("now", Timestamp.from(now))
        .param("tenant", tenantId)
        .param("name", name)
        .update();
    PolicyVersion created = version(tenantId, name, version);
    audit.append(
        tenantId,
        new AuditRecord(
            actor,
            source,
            "policy",
            name,
            "policy.version-created",
            reason,
            null,
            Map.of("version", version, "mode", created.mode())));
    return created;
  }

  /** Makes a version the active one, after checking that what it names exists. */
  @Transactional
  public PolicySummary activate(
      String tenantId,
      String name,
      int version,
      @Nullable String reason,
      Actor actor,
      String source) {
    PolicySummary before = lock(tenantId, name);
    PolicyVersion target = version(tenantId, name, version);
    CompiledPolicy policy = compiled(tenantId, target);
    references.check(tenantId, policy.document());
    if ("on".equals(target.mode())) {
      List<String> live =
          jdbc.sql(
                  "select p.name from policies p join policy_versions v on v.tenant_id ="
                      + " p.tenant_id and v.name = p.name and v.version = p.active_version where"
                      + " p.tenant_id = :tenant and p.name <> :name and v.mode = 'on'")
              .param("tenant", tenantId)
              .param("name", name)
              .query(String.class)
              .list();
      if (!live.isEmpty()) {
        throw new BatonException.Conflict(
            "policy '"
                + live.get(0)
                + "' is live (mode on); activate this one in shadow mode, or switch that one to"
                + " shadow or off first",
            Map.of("livePolicy", live.get(0)));
      }
    }
    Integer previous = before.activeVersion();
    jdbc.sql(
            "update policies set active_version = :version, previous_version = :previous,"
                + " updated_at = :now where tenant_id = :tenant and name = :name")
        .param("version", version)
        .param(
            "previous",
            previous != null && previous != version ? previous : before.previousVersion())
        .param("now", Timestamp.from(Instant.now(clock)))
        .param("tenant", tenantId)
        .param("name", name)
        .update();
    PolicySummary after = summary(tenantId, name);
    audit.append(
        tenantId,
        new AuditRecord(actor, source, "policy", name, "policy.activated", reason, before, after));
    return after;
  }

  /** Activates the version that was active before the current one. */
  @Transactional
  public PolicySummary rollback(
      String tenantId, String name, @Nullable String reason, Actor actor, String source) {
    PolicySummary current = lock(tenantId, name);
    Integer previous = current.previousVersion();
    if (current.activeVersion() == null || previous == null) {
      throw new BatonException.Conflict(
          "policy '" + name + "' has no earlier active version to roll back to");
    }
    PolicySummary after = activate(tenantId, name, previous, reason, actor, source);
    audit.append(
        tenantId,
        new AuditRecord(
            actor, source, "policy", name, "policy.rolled-back", reason, current, after));
    return after;
  }

  /** Every active policy that is not {@code off}, compiled, in name order. */
  public List<ActivePolicy> active(String tenantId) {
    return jdbc
        .sql(
            "select v.* from policies p join policy_versions v on v.tenant_id = p.tenant_id and"
                + " v.name = p.name and v.version = p.active_version where p.tenant_id = :tenant"
                + " and v.mode <> 'off' order by p.name")
        .param("tenant", tenantId)
        .query(Policies::versionRow)
        .list()
        .stream()
        .map(
            v ->
                new ActivePolicy(
                    v.name(),
                    v.version(),
                    RolloutMode.valueOf(v.mode().toUpperCase(java.util.Locale.ROOT)),
                    compiled(tenantId, v)))
        .toList();
  }

  /**
   * The policies whose active version (in any mode) names this decision function as a target, in
   * name order.
   */
  List<String> namingFunction(String tenantId, String functionId) {
    return naming(
        tenantId,
        d ->
            d.spec().rules().stream()
                .anyMatch(r -> r.assign() != null && functionId.equals(r.assign().function())));
  }

  /**
   * The policies whose active version (in any mode) names this escalation policy, in a rule or as
   * the SLA's breach escalation, in name order.
   */
  public List<String> namingEscalation(String tenantId, String escalationName) {
    return naming(
        tenantId,
        d -> {
          PolicyDocument.Sla sla = d.spec().sla();
          return (sla != null && escalationName.equals(sla.escalation()))
              || d.spec().rules().stream().anyMatch(r -> escalationName.equals(r.escalation()));
        });
  }

  private List<String> naming(String tenantId, Predicate<PolicyDocument> names) {
    return jdbc
        .sql(
            "select v.* from policies p join policy_versions v on v.tenant_id = p.tenant_id and"
                + " v.name = p.name and v.version = p.active_version where p.tenant_id = :tenant"
                + " order by p.name")
        .param("tenant", tenantId)
        .query(Policies::versionRow)
        .list()
        .stream()
        .filter(v -> names.test(compiled(tenantId, v).document()))
        .map(PolicyVersion::name)
        .toList();
  }

  public List<PolicySummary> list(String tenantId) {
    return jdbc
        .sql("select name from policies where tenant_id = :tenant order by name")
        .param("tenant", tenantId)
        .query(String.class)
        .list()
        .stream()
        .map(n -> summary(tenantId, n))
        .toList();
  }

  public PolicySummary summary(String tenantId, String name) {
    record Row(
        String name,
        @Nullable Integer activeVersion,
        @Nullable Integer previousVersion,
        Instant createdAt,
        Instant updatedAt) {}
    Row row =
        jdbc.sql("select * from policies where tenant_id = :tenant and name = :name")
            .param("tenant", tenantId)
            .param("name", name)
            .query(
                (rs, n) ->
                    new Row(
                        rs.getString("name"),
                        (Integer) rs.getObject("active_version"),
                        (Integer) rs.getObject("previous_version"),
                        rs.getTimestamp("created_at").toInstant(),
                        rs.getTimestamp("updated_at").toInstant()))
            .optional()
            .orElseThrow(() -> new BatonException.NotFound("policy", name));
    List<PolicyVersion> versions = versions(tenantId, name);
    String activeMode =
        row.activeVersion() == null
            ? null
            : versions.stream()
                .filter(v -> v.version() == row.activeVersion())
                .map(PolicyVersion::mode)
                .findFirst()
                .orElse(null);
    return new PolicySummary(
        row.name(),
        versions.isEmpty() ? 0 : versions.get(versions.size() - 1).version(),
        row.activeVersion(),
        activeMode,
        row.previousVersion(),
        row.createdAt(),
        row.updatedAt());
  }

  public List<PolicyVersion> versions(String tenantId, String name) {
    return jdbc.sql(
            "select * from policy_versions where tenant_id = :tenant and name = :name order by"
                + " version")
        .param("tenant", tenantId)
        .param("name", name)
        .query(Policies::versionRow)
        .list();
  }

  public PolicyVersion version(String tenantId, String name, int version) {
    return jdbc.sql(
            "select * from policy_versions where tenant_id = :tenant and name = :name and version"
                + " = :version")
        .param("tenant", tenantId)
        .param("name", name)
        .param("version", version)
        .query(Policies::versionRow)
        .optional()
        .orElseThrow(() -> new BatonException.NotFound("policy version", name + "@" + version));
  }

  /** The latest version's document, if the policy exists. */
  public Optional<PolicyVersion> latest(String tenantId, String name) {
    List<PolicyVersion> all = versions(tenantId, name);
    return all.isEmpty() ? Optional.empty() : Optional.of(all.get(all.size() - 1));
  }

  /**
   * The compiled form of a stored version, compiled once per process. The key includes the
   * version's creation time and a hash of its text: a tenant whose data was emptied (as tests do)
   * and written again gets new versions under the same numbers, possibly at the same instant of a
   * test clock.
   */
  public CompiledPolicy compiled(String tenantId, PolicyVersion version) {
    return compiled.computeIfAbsent(
        tenantId
            + "/"
            + version.name()
            + "@"
            + version.version()
            + "/"
            + version.createdAt()
            + "/"
            + Integer.toHexString(version.document().hashCode()),
        k -> PolicyParser.compile(version.document()));
  }

  private PolicySummary lock(String tenantId, String name) {
    String unused =
        jdbc.sql("select name from policies where tenant_id = :tenant and name = :name for update")
            .param("tenant", tenantId)
            .param("name", name)
            .query(String.class)
            .optional()
            .orElseThrow(() -> new BatonException.NotFound("policy", name));
    return summary(tenantId, name);
  }

  private static String mode(CompiledPolicy policy) {
    return policy.document().spec().effectiveMode().name().toLowerCase(java.util.Locale.ROOT);
  }

  private static PolicyVersion versionRow(ResultSet rs, int n) throws SQLException {
    return new PolicyVersion(
        rs.getString("name"),
        rs.getInt("version"),
        rs.getString("mode"),
        rs.getString("document"),
        rs.getString("author"),
        rs.getString("reason"),
        rs.getTimestamp("created_at").toInstant());
  }
}
