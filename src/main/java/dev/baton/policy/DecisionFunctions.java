package dev.baton.policy;

import dev.baton.audit.AuditLog;
import dev.baton.audit.AuditRecord;
import dev.baton.platform.Actor;
import dev.baton.platform.BatonException;
import dev.baton.platform.Page;
import dev.baton.platform.SecretBox;
import dev.baton.platform.Validation;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.time.Clock;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.Arrays;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;
import org.jspecify.annotations.Nullable;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

/**
 * The tenant's decision functions: endpoints a rule may ask for its target. Each has a Standard
 * Webhooks signing secret, drawn when not given, shown once (on creation or rotation) and kept
 * sealed by the {@link SecretBox} under {@code <tenant>/decision-function/<id>}. Every change is
 * audited; a function an active policy names cannot be deleted.
 */
@Service
public class DecisionFunctions {

  public static final int DEFAULT_TIMEOUT_MS = 2000;
  public static final int MIN_TIMEOUT_MS = 100;
  public static final int MAX_TIMEOUT_MS = 10_000;
  public static final int MAX_FIELDS = 50;
  static final int MAX_URL_LENGTH = 2000;

  private final JdbcClient jdbc;
  private final AuditLog audit;
  private final SecretBox secrets;
  private final DecisionFunctionProperties properties;
  private final ObjectProvider<Policies> policies;
  private final Clock clock;

  DecisionFunctions(
      JdbcClient jdbc,
      AuditLog audit,
      SecretBox secrets,
      DecisionFunctionProperties properties,
      ObjectProvider<Policies> policies,
      Clock clock) {
    this.jdbc = jdbc;
    this.audit = audit;
    this.secrets = secrets;
    this.properties = properties;
    this.policies = policies;
    this.clock = clock;
  }

  /**
   * A function as a caller writes it. {@code timeoutMs} defaults to {@value #DEFAULT_TIMEOUT_MS};
   * {@code secret} is drawn on creation when absent and kept on replacement when absent.
   */
  public record Request(
      @Nullable String id,
      @Nullable String url,
      @Nullable List<String> fields,
      @Nullable Integer timeoutMs,
      @Nullable String description,
      @Nullable String secret) {}

  /**
   * The outcome of a write.
   *
   * @param secret the signing secret, only when this write created the function
   */
  public record Saved(
      DecisionFunction function, boolean created, boolean changed, @Nullable String secret) {}

  /** What calling a function needs, its secret in clear: for the router, never for an answer. */
  public record Endpoint(String id, URI url, List<String> fields, int timeoutMs, String secret) {
    public Endpoint {
      fields = List.copyOf(fields);
    }

    @Override
    public String toString() {
      return "Endpoint[" + id + " " + url + "]";
    }
  }

  public Optional<DecisionFunction> find(String tenantId, String id) {
    return jdbc.sql("select * from decision_functions where tenant_id = :tenant and id = :id")
        .param("tenant", tenantId)
        .param("id", id)
        .query(DecisionFunctions::row)
        .optional();
  }

  public DecisionFunction get(String tenantId, String id) {
    return find(tenantId, id)
        .orElseThrow(() -> new BatonException.NotFound("decision function", id));
  }

  /** Every function of the tenant, by id (for export). */
  public List<DecisionFunction> all(String tenantId) {
    return jdbc.sql("select * from decision_functions where tenant_id = :tenant order by id")
        .param("tenant", tenantId)
        .query(DecisionFunctions::row)
        .list();
  }

  public Page<DecisionFunction> list(String tenantId, @Nullable String cursor, int limit) {
    List<DecisionFunction> rows =
        jdbc.sql(
                "select * from decision_functions where tenant_id = :tenant and (:after::text is"
                    + " null or id > :after) order by id limit :limit")
            .param("tenant", tenantId)
            .param("after", Page.decode(cursor))
            .param("limit", limit + 1)
            .query(DecisionFunctions::row)
            .list();
    return Page.of(rows, limit, DecisionFunction::id);
  }

  /** The function with its secret opened, if it exists. */
  public Optional<Endpoint> endpoint(String tenantId, String id) {
    return jdbc.sql(
            "select id, url, fields, timeout_ms, secret_sealed from decision_functions where"
                + " tenant_id = :tenant and id = :id")
        .param("tenant", tenantId)
        .param("id", id)
        .query(
            (rs, n) ->
                new Endpoint(
                    rs.getString("id"),
                    URI.create(rs.getString("url")),
                    fields(rs),
                    rs.getInt("timeout_ms"),
                    secrets.open(rs.getBytes("secret_sealed"), context(tenantId, id))))
        .optional();
  }

  @Transactional
  public Saved create(String tenantId, Request request, Actor actor, String source) {
    validate(request, request.id());
    String id = Objects.requireNonNull(request.id());
    if (find(tenantId, id).isPresent()) {
      throw new BatonException.Conflict("decision function '" + id + "' already exists");
    }
    return insert(tenantId, id, request, actor, source);
  }

  /** Creates or replaces; a replacement without {@code secret} keeps the current one. */
  @Transactional
  public Saved put(String tenantId, String id, Request request, Actor actor, String source) {
    Validation.samePathId(request.id(), id);
    validate(request, id);
    Optional<DecisionFunction> before = lock(tenantId, id);
    if (before.isEmpty()) {
      return insert(tenantId, id, request, actor, source);
    }
    DecisionFunction old = before.get();
    String secret = request.secret();
    boolean newSecret = secret != null && !sameSecret(tenantId, id, secret);
    boolean changed =
        newSecret
            || !old.url().equals(request.url())
            || !old.fields().equals(request.fields())
            || old.timeoutMs() != timeout(request)
            || !Objects.equals(old.description(), request.description());
    if (!changed) {
      return new Saved(old, false, false, null);
    }
    Instant now = now();
    jdbc.sql(
            "update decision_functions set url = :url, fields = :fields, timeout_ms = :timeout,"
                + " description = :description, version = version + 1, updated_at = :now where"
                + " tenant_id = :tenant and id = :id")
        .param("url", request.url())
        .param("fields", Objects.requireNonNull(request.fields()).toArray(String[]::new))
        .param("timeout", timeout(request))
        .param("description", request.description())
        .param("now", Timestamp.from(now))
        .param("tenant", tenantId)
        .param("id", id)
        .update();
    if (newSecret) {
      storeSecret(tenantId, id, Objects.requireNonNull(secret), now);
    }
    DecisionFunction after = get(tenantId, id);
    audit.append(
        tenantId,
        new AuditRecord(
            actor, source, "decision-function", id, "decision-function.updated", null, old, after));
    return new Saved(after, false, true, null);
  }

  /** Replaces the signing secret with the given one or a drawn one; returns the new secret. */
  @Transactional
  public String rotateSecret(
      String tenantId, String id, @Nullable String secret, Actor actor, String source) {
    new Validation()
        .when(
            secret != null && SigningSecret.problem(secret) != null,
            "secret",
            secret == null ? "" : Objects.requireNonNullElse(SigningSecret.problem(secret), ""))
        .check();
    DecisionFunction before =
        lock(tenantId, id).orElseThrow(() -> new BatonException.NotFound("decision function", id));
    String next = secret == null ? SigningSecret.generate() : secret;
    Instant now = now();
    storeSecret(tenantId, id, next, now);
    jdbc.sql(
            "update decision_functions set version = version + 1, updated_at = :now where"
                + " tenant_id = :tenant and id = :id")
        .param("now", Timestamp.from(now))
        .param("tenant", tenantId)
        .param("id", id)
        .update();
    audit.append(
        tenantId,
        new AuditRecord(
            actor,
            source,
            "decision-function",
            id,
            "decision-function.secret-rotated",
            null,
            before,
            get(tenantId, id)));
    return next;
  }

  @Transactional
  public void delete(String tenantId, String id, Actor actor, String source) {
    DecisionFunction before =
        lock(tenantId, id).orElseThrow(() -> new BatonException.NotFound("decision function", id));
    List<String> naming = policies.getObject().namingFunction(tenantId, id);
    if (!naming.isEmpty()) {
      throw new BatonException.Conflict(
          "decision function '"
              + id
              + "' is named by the active version of policy '"
              + naming.get(0)
              + "'; activate a version without it first",
          Map.of("policies", naming));
    }
    jdbc.sql("delete from decision_functions where tenant_id = :tenant and id = :id")
        .param("tenant", tenantId)
        .param("id", id)
        .update();
    audit.append(
        tenantId,
        new AuditRecord(
            actor,
            source,
            "decision-function",
            id,
            "decision-function.deleted",
            null,
            before,
            null));
  }

  /**
   * Whether the function exists, holding a share lock until commit so that it cannot be deleted
   * while a policy that names it is being activated.
   */
  boolean existsForReference(String tenantId, String id) {
    return jdbc.sql(
            "select id from decision_functions where tenant_id = :tenant and id = :id for share")
        .param("tenant", tenantId)
        .param("id", id)
        .query(String.class)
        .optional()
        .isPresent();
  }

  /**
   * What is wrong with a function URL under the current settings; null when it may be called. The
   * router asks again before each call, so turning loopback http off takes effect at once.
   */
  public @Nullable String urlProblem(String url) {
    return FunctionUrls.problem(url, properties.allowLoopbackHttp());
  }

  private Saved insert(String tenantId, String id, Request request, Actor actor, String source) {
    String secret = request.secret() == null ? SigningSecret.generate() : request.secret();
    Instant now = now();
    jdbc.sql(
            """
            insert into decision_functions (tenant_id, id, url, fields, timeout_ms, description,
              secret_sealed, secret_updated_at, version, created_at, updated_at)
            values (:tenant, :id, :url, :fields, :timeout, :description, :secret, :now, 1, :now,
              :now)
            """)
        .param("tenant", tenantId)
        .param("id", id)
        .param("url", request.url())
        .param("fields", Objects.requireNonNull(request.fields()).toArray(String[]::new))
        .param("timeout", timeout(request))
        .param("description", request.description())
        .param("secret", secrets.seal(secret, context(tenantId, id)))
        .param("now", Timestamp.from(now))
        .update();
    DecisionFunction created = get(tenantId, id);
    audit.append(
        tenantId,
        new AuditRecord(
            actor,
            source,
            "decision-function",
            id,
            "decision-function.created",
            null,
            null,
            created));
    return new Saved(created, true, true, secret);
  }

  private Optional<DecisionFunction> lock(String tenantId, String id) {
    return jdbc.sql(
            "select * from decision_functions where tenant_id = :tenant and id = :id for update")
        .param("tenant", tenantId)
        .param("id", id)
        .query(DecisionFunctions::row)
        .optional();
  }

  private boolean sameSecret(String tenantId, String id, String secret) {
    String stored =
        endpoint(tenantId, id).map(Endpoint::secret).orElseThrow(IllegalStateException::new);
    return MessageDigest.isEqual(
        stored.getBytes(StandardCharsets.UTF_8), secret.getBytes(StandardCharsets.UTF_8));
  }

  private void storeSecret(String tenantId, String id, String secret, Instant now) {
    jdbc.sql(
            "update decision_functions set secret_sealed = :secret, secret_updated_at = :now where"
                + " tenant_id = :tenant and id = :id")
        .param("secret", secrets.seal(secret, context(tenantId, id)))
        .param("now", Timestamp.from(now))
        .param("tenant", tenantId)
        .param("id", id)
        .update();
  }

  private void validate(Request request, @Nullable String id) {
    Validation v = new Validation();
    v.require(id, "id").slug(id, "id");
    v.require(request.url(), "url");
    if (request.url() != null && !request.url().isBlank()) {
      v.maxLength(request.url(), "url", MAX_URL_LENGTH);
      String problem = urlProblem(request.url());
      v.when(problem != null, "url", Objects.requireNonNullElse(problem, ""));
    }
    v.require(request.fields(), "fields");
    List<String> fields = request.fields() == null ? List.of() : request.fields();
    v.when(fields.size() > MAX_FIELDS, "fields", "at most " + MAX_FIELDS + " fields");
    Set<String> seen = new HashSet<>();
    for (int i = 0; i < fields.size(); i++) {
      String field = fields.get(i);
      if (field == null || !ItemFacts.isField(field)) {
        v.add(
            "fields[" + i + "]",
            "'"
                + field
                + "' is not an item field policies see; use one of "
                + String.join(", ", ItemFacts.FIELDS)
                + " or attributes.<name>");
      } else {
        v.when(!seen.add(field), "fields[" + i + "]", "'" + field + "' is listed twice");
      }
    }
    Integer timeout = request.timeoutMs();
    v.when(
        timeout != null && (timeout < MIN_TIMEOUT_MS || timeout > MAX_TIMEOUT_MS),
        "timeoutMs",
        "must be between " + MIN_TIMEOUT_MS + " and " + MAX_TIMEOUT_MS + " milliseconds");
    v.maxLength(request.description(), "description", 500);
    String secret = request.secret();
    if (secret != null) {
      String problem = SigningSecret.problem(secret);
      v.when(problem != null, "secret", Objects.requireNonNullElse(problem, ""));
    }
    v.check();
  }

  private static int timeout(Request request) {
    return request.timeoutMs() == null ? DEFAULT_TIMEOUT_MS : request.timeoutMs();
  }

  private Instant now() {
    return Instant.now(clock).truncatedTo(ChronoUnit.MICROS);
  }

  private static String context(String tenantId, String id) {
    return tenantId + "/decision-function/" + id;
  }

  private static List<String> fields(ResultSet rs) throws SQLException {
    return Arrays.asList((String[]) rs.getArray("fields").getArray());
  }

  private static DecisionFunction row(ResultSet rs, int n) throws SQLException {
    return new DecisionFunction(
        rs.getString("id"),
        rs.getString("url"),
        fields(rs),
        rs.getInt("timeout_ms"),
        rs.getString("description"),
        rs.getInt("version"),
        rs.getTimestamp("secret_updated_at").toInstant(),
        rs.getTimestamp("created_at").toInstant(),
        rs.getTimestamp("updated_at").toInstant());
  }
}
