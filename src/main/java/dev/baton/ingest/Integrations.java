package dev.baton.ingest;

import dev.baton.audit.AuditLog;
import dev.baton.audit.AuditRecord;
import dev.baton.ingest.IntegrationRows.Stored;
import dev.baton.platform.Actor;
import dev.baton.platform.BatonException;
import dev.baton.platform.Ids;
import dev.baton.platform.Page;
import java.time.Clock;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.UUID;
import org.jspecify.annotations.Nullable;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

/**
 * A tenant's integrations: create, change, delete, and rotate their signing secrets without
 * downtime (add the new secret, move the sender over, retire the old). Secrets and bot tokens are
 * sealed with the master key, bound to the integration, and never leave this class except to the
 * hook endpoint's verifier and, for bot tokens, the Slack entry points. Every change is audited.
 */
@Service
public class Integrations implements SlackBotTokens {

  private final IntegrationRows rows;
  private final IntegrationSecrets secrets;
  private final InboxRows inbox;
  private final AuditLog audit;
  private final Clock clock;

  Integrations(
      IntegrationRows rows,
      IntegrationSecrets secrets,
      InboxRows inbox,
      AuditLog audit,
      Clock clock) {
    this.rows = rows;
    this.secrets = secrets;
    this.inbox = inbox;
    this.audit = audit;
    this.clock = clock;
  }

  /** The outcome of a create-or-replace from configuration. */
  public record Saved(IntegrationView integration, boolean created, boolean changed) {}

  /** An integration ready to check a hook request: the row and its secrets in clear. */
  record HookTarget(Stored integration, List<String> secrets) {}

  public IntegrationView get(String tenantId, String id) {
    return view(stored(tenantId, id));
  }

  public Page<IntegrationView> list(String tenantId, @Nullable String cursor, int limit) {
    List<IntegrationView> views =
        rows.list(tenantId, Page.decode(cursor), limit + 1).stream().map(this::view).toList();
    return Page.of(views, limit, IntegrationView::name);
  }

  /** Every integration of the tenant by name (configuration export). */
  public List<IntegrationView> all(String tenantId) {
    return list(tenantId, null, Integer.MAX_VALUE - 1).items();
  }

  @Transactional
  public IntegrationView create(
      String tenantId, IntegrationRequest request, Actor actor, String source) {
    IntegrationChecks.Checked checked = IntegrationChecks.forCreate(request);
    if (rows.findByName(tenantId, checked.name()).isPresent()) {
      throw nameTaken(checked.name());
    }
    Instant now = now();
    UUID id = Ids.newId(clock);
    Stored row =
        new Stored(
            tenantId,
            id,
            checked.provider(),
            checked.name(),
            checked.enabled(),
            checked.events(),
            checked.maxBodySize(),
            checked.mapping(),
            checked.botToken() == null
                ? null
                : secrets.sealBotToken(tenantId, id, checked.botToken()),
            checked.mode(),
            1,
            now,
            now);
    rows.insert(row);
    secrets.addInitial(row, Objects.requireNonNull(checked.secrets()));
    IntegrationView view = view(row);
    audit.append(tenantId, auditRecord(actor, source, id, "integration.created", null, view));
    return view;
  }

  /**
   * Changes the fields the request names; a field left out stays. {@code botToken: ""} removes the
   * bot token and {@code mapping: {}} the mapping. Secrets change only through {@link #addSecret}
   * and {@link #retireSecret}.
   */
  @Transactional
  public IntegrationView update(
      String tenantId, String id, IntegrationRequest changes, Actor actor, String source) {
    Stored before = locked(tenantId, id);
    if (changes.secrets() != null) {
      throw new BatonException.InvalidInput(
          "secrets",
          "rotate secrets with POST /api/v1/integrations/{id}/secrets and"
              + " DELETE /api/v1/integrations/{id}/secrets/{index}");
    }
    IntegrationChecks.Checked checked = IntegrationChecks.forChange(before, changes);
    Stored after = withSettings(before, checked, changes.botToken() != null);
    return commit(before, after, false, actor, source);
  }

  /**
   * Creates or replaces the integration named {@code name} from a configuration document. Secrets
   * left out are kept (export omits them); listed secrets become exactly the active ones, so a
   * rotation is two applies: both secrets, then only the new one. A bot token left out is kept.
   */
  @Transactional
  public Saved apply(
      String tenantId, String name, IntegrationRequest spec, Actor actor, String source) {
    Optional<Stored> existing = rows.findByName(tenantId, name);
    if (existing.isEmpty()) {
      return new Saved(create(tenantId, spec, actor, source), true, true);
    }
    Stored before = locked(tenantId, existing.get().id().toString());
    IntegrationChecks.Checked checked = IntegrationChecks.forReplace(before, spec);
    Stored after = withSettings(before, checked, spec.botToken() != null);
    boolean secretsChanged =
        checked.secrets() != null && secrets.replace(before, checked.secrets(), actor, source);
    boolean changed = secretsChanged || !sameSettings(before, after);
    return new Saved(commit(before, after, secretsChanged, actor, source), false, changed);
  }

  @Transactional
  public void delete(String tenantId, String id, Actor actor, String source) {
    Stored row = locked(tenantId, id);
    long pending = inbox.pendingCount(tenantId, row.id());
    if (pending > 0) {
      throw new BatonException.Conflict(
          "integration '"
              + row.name()
              + "' has "
              + pending
              + " delivery(ies) still to process; disable it and delete it once they are done",
          Map.of("pendingDeliveries", pending));
    }
    IntegrationView before = view(row);
    rows.delete(tenantId, row.id());
    audit.append(
        tenantId, auditRecord(actor, source, row.id(), "integration.deleted", before, null));
  }

  /** Adds a second active secret; an integration never has more than two. */
  @Transactional
  public IntegrationView addSecret(
      String tenantId, String id, @Nullable String secret, Actor actor, String source) {
    Stored row = locked(tenantId, id);
    secrets.add(row, IntegrationChecks.secret(row.provider(), secret), actor, source);
    return commit(row, row, true, actor, source);
  }

  /**
   * A rotation's first step, as the console offers it: the new secret (the one given, or one Baton
   * generates where the sender lets its user choose) is added beside the old one, which stays valid
   * until it is retired. The secret is returned once, to be shown once.
   */
  public record RotatedSecret(IntegrationView integration, String secret, boolean generated) {}

  /**
   * Adds {@code secret} as the second active secret, or a generated one when it is blank; Slack and
   * PagerDuty issue their own secrets, so for them it must be given. Audited as {@link #addSecret}.
   */
  @Transactional
  public RotatedSecret rotateSecret(
      String tenantId, String id, @Nullable String secret, Actor actor, String source) {
    Stored row = stored(tenantId, id);
    boolean generate = secret == null || secret.isBlank();
    if (generate && !SecretFormats.generated(row.provider())) {
      throw new BatonException.InvalidInput(
          "secret",
          row.provider().wireName()
              + " issues its own signing secret: paste the new one from its settings");
    }
    String value =
        generate ? SecretFormats.generate(row.provider()) : Objects.requireNonNull(secret);
    return new RotatedSecret(addSecret(tenantId, id, value, actor, source), value, generate);
  }

  /** Retires secret {@code index}; the last active secret cannot be retired. */
  @Transactional
  public IntegrationView retireSecret(
      String tenantId, String id, int index, Actor actor, String source) {
    Stored row = locked(tenantId, id);
    secrets.retire(row, index, actor, source);
    return commit(row, row, true, actor, source);
  }

  @Override
  public Optional<String> botToken(Integration integration) {
    return rows.find(integration.tenantId(), integration.id()).flatMap(secrets::botToken);
  }

  /** The integration a hook URL names, with its secrets in clear; empty for an unknown id. */
  Optional<HookTarget> forHook(UUID id) {
    return rows.findForHook(id).map(row -> new HookTarget(row, secrets.active(row)));
  }

  /** The stored integration, for the inbox worker. */
  Optional<Stored> find(String tenantId, UUID id) {
    return rows.find(tenantId, id);
  }

  /** The integration named by an id in a path; a malformed id is as unknown as a missing one. */
  Stored stored(String tenantId, String id) {
    return parseId(id)
        .flatMap(uuid -> rows.find(tenantId, uuid))
        .orElseThrow(() -> new BatonException.NotFound("integration", id));
  }

  static Optional<UUID> parseId(String id) {
    try {
      UUID uuid = UUID.fromString(id);
      return uuid.toString().equals(id.toLowerCase(java.util.Locale.ROOT))
          ? Optional.of(uuid)
          : Optional.empty();
    } catch (IllegalArgumentException e) {
      return Optional.empty();
    }
  }

  private Stored locked(String tenantId, String id) {
    return parseId(id)
        .flatMap(uuid -> rows.lock(tenantId, uuid))
        .orElseThrow(() -> new BatonException.NotFound("integration", id));
  }

  /** The row with the checked settings; the bot token changes only when the request named one. */
  private Stored withSettings(
      Stored before, IntegrationChecks.Checked checked, boolean botTokenGiven) {
    byte[] botToken = before.botToken();
    String wanted = checked.botToken();
    if (botTokenGiven) {
      if (wanted == null) {
        botToken = null;
      } else if (!wanted.equals(secrets.botToken(before).orElse(null))) {
        botToken = secrets.sealBotToken(before.tenantId(), before.id(), wanted);
      }
    }
    return before.with(
        checked.name(),
        checked.enabled(),
        checked.events(),
        checked.maxBodySize(),
        checked.mapping(),
        botToken,
        checked.mode());
  }

  /**
   * Stores {@code after} as the next version when anything changed, auditing changed settings
   * (secret changes are audited where they happen).
   */
  private IntegrationView commit(
      Stored before, Stored after, boolean secretsChanged, Actor actor, String source) {
    boolean settingsChanged = !sameSettings(before, after);
    if (!settingsChanged && !secretsChanged) {
      return view(before);
    }
    if (!before.name().equals(after.name())
        && rows.findByName(before.tenantId(), after.name()).isPresent()) {
      throw nameTaken(after.name());
    }
    Stored next = after.nextVersion(now());
    rows.update(next);
    if (settingsChanged) {
      audit.append(
          next.tenantId(),
          auditRecord(
              actor, source, next.id(), "integration.updated", settings(before), settings(next)));
    }
    return view(next);
  }

  private static boolean sameSettings(Stored a, Stored b) {
    return a.name().equals(b.name())
        && a.enabled() == b.enabled()
        && a.events().equals(b.events())
        && a.maxBodySize() == b.maxBodySize()
        && Objects.equals(a.mapping(), b.mapping())
        && a.mode().equals(b.mode())
        && java.util.Arrays.equals(a.botToken(), b.botToken());
  }

  /** What an audit entry records of an integration's settings: never a secret or token. */
  private static Map<String, Object> settings(Stored row) {
    Map<String, Object> settings = new java.util.LinkedHashMap<>();
    settings.put("name", row.name());
    settings.put("provider", row.provider().wireName());
    settings.put("enabled", row.enabled());
    settings.put("events", row.events());
    settings.put("maxBodySize", row.maxBodySize());
    settings.put("mapping", row.mapping());
    settings.put("hasBotToken", row.botToken() != null);
    if (row.provider() == Provider.SLACK) {
      settings.put("mode", row.mode());
    }
    return settings;
  }

  private IntegrationView view(Stored row) {
    return new IntegrationView(
        row.id(),
        null,
        row.provider().wireName(),
        row.name(),
        row.enabled(),
        row.events(),
        row.maxBodySize(),
        row.mapping(),
        row.botToken() != null,
        row.provider() == Provider.SLACK ? row.mode() : null,
        secrets.infos(row),
        row.version(),
        row.createdAt(),
        row.updatedAt());
  }

  private static BatonException.Conflict nameTaken(String name) {
    return new BatonException.Conflict(
        "integration '" + name + "' already exists", Map.of("field", "name"));
  }

  static AuditRecord auditRecord(
      Actor actor,
      String source,
      UUID id,
      String action,
      @Nullable Object before,
      @Nullable Object after) {
    return new AuditRecord(
        actor, source, "integration", id.toString(), action, null, before, after);
  }

  private Instant now() {
    return Instant.now(clock).truncatedTo(ChronoUnit.MICROS);
  }
}
