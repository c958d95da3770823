package dev.baton.ingest;

import dev.baton.audit.AuditLog;
import dev.baton.audit.AuditRecord;
import dev.baton.ingest.IntegrationRows.Stored;
import dev.baton.ingest.IntegrationRows.StoredSecret;
import dev.baton.platform.Actor;
import dev.baton.platform.BatonException;
import dev.baton.platform.Ids;
import dev.baton.platform.Page;
import dev.baton.platform.SecretBox;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.Clock;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.HexFormat;
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
  private final InboxRows inbox;
  private final SecretBox box;
  private final AuditLog audit;
  private final Clock clock;

  Integrations(IntegrationRows rows, InboxRows inbox, SecretBox box, AuditLog audit, Clock clock) {
    this.rows = rows;
    this.inbox = inbox;
    this.box = box;
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
            checked.botToken() == null ? null : box.seal(checked.botToken(), context(tenantId, id)),
            1,
            now,
            now);
    rows.insert(row);
    for (String secret : Objects.requireNonNull(checked.secrets())) {
      insertSecret(row, secret);
    }
    IntegrationView view = view(row);
    audit.append(tenantId, record(actor, source, id, "integration.created", null, view));
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
        checked.secrets() != null && replaceSecrets(before, checked.secrets(), actor, source);
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
    audit.append(tenantId, record(actor, source, row.id(), "integration.deleted", before, null));
  }

  /** Adds a second active secret; an integration never has more than two. */
  @Transactional
  public IntegrationView addSecret(
      String tenantId, String id, @Nullable String secret, Actor actor, String source) {
    Stored row = locked(tenantId, id);
    String checked = IntegrationChecks.secret(row.provider(), secret);
    List<StoredSecret> active = rows.secrets(tenantId, row.id());
    if (active.size() >= Verifiers.MAX_SECRETS) {
      throw new BatonException.Conflict(
          "integration '"
              + row.name()
              + "' already has two active secrets; retire one before adding another",
          Map.of("activeSecrets", active.stream().map(StoredSecret::n).toList()));
    }
    if (active.stream().anyMatch(s -> open(s, row).equals(checked))) {
      throw new BatonException.Conflict("this secret is already active");
    }
    StoredSecret added = insertSecret(row, checked);
    audit.append(
        tenantId, record(actor, source, row.id(), "integration.secret_added", null, info(added)));
    return commit(row, row, true, actor, source);
  }

  /** Retires secret {@code index}; the last active secret cannot be retired. */
  @Transactional
  public IntegrationView retireSecret(
      String tenantId, String id, int index, Actor actor, String source) {
    Stored row = locked(tenantId, id);
    List<StoredSecret> active = rows.secrets(tenantId, row.id());
    StoredSecret retired =
        active.stream()
            .filter(s -> s.n() == index)
            .findFirst()
            .orElseThrow(() -> new BatonException.NotFound("secret", index));
    if (active.size() == 1) {
      throw new BatonException.Conflict(
          "secret " + index + " is the only active secret; add the new one first");
    }
    rows.deleteSecret(tenantId, row.id(), index);
    audit.append(
        tenantId,
        record(actor, source, row.id(), "integration.secret_retired", info(retired), null));
    return commit(row, row, true, actor, source);
  }

  @Override
  public Optional<String> botToken(Integration integration) {
    return rows.find(integration.tenantId(), integration.id()).flatMap(this::botToken);
  }

  /** The integration a hook URL names, with its secrets in clear; empty for an unknown id. */
  Optional<HookTarget> forHook(UUID id) {
    return rows.findForHook(id)
        .map(
            row ->
                new HookTarget(
                    row,
                    rows.secrets(row.tenantId(), row.id()).stream()
                        .map(s -> open(s, row))
                        .toList()));
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
      } else if (!wanted.equals(botToken(before).orElse(null))) {
        botToken = box.seal(wanted, context(before.tenantId(), before.id()));
      }
    }
    return new Stored(
        before.tenantId(),
        before.id(),
        before.provider(),
        checked.name(),
        checked.enabled(),
        checked.events(),
        checked.maxBodySize(),
        checked.mapping(),
        botToken,
        before.version(),
        before.createdAt(),
        before.updatedAt());
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
    Stored next =
        new Stored(
            after.tenantId(),
            after.id(),
            after.provider(),
            after.name(),
            after.enabled(),
            after.events(),
            after.maxBodySize(),
            after.mapping(),
            after.botToken(),
            before.version() + 1,
            after.createdAt(),
            now());
    rows.update(next);
    if (settingsChanged) {
      audit.append(
          next.tenantId(),
          record(
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
    return settings;
  }

  /** Makes {@code wanted} the active secrets, keeping those already active; true if any changed. */
  private boolean replaceSecrets(Stored row, List<String> wanted, Actor actor, String source) {
    List<String> toAdd = new ArrayList<>(wanted);
    boolean changed = false;
    for (StoredSecret secret : rows.secrets(row.tenantId(), row.id())) {
      if (!toAdd.remove(open(secret, row))) {
        rows.deleteSecret(row.tenantId(), row.id(), secret.n());
        audit.append(
            row.tenantId(),
            record(actor, source, row.id(), "integration.secret_retired", info(secret), null));
        changed = true;
      }
    }
    for (String secret : toAdd) {
      StoredSecret added = insertSecret(row, secret);
      audit.append(
          row.tenantId(),
          record(actor, source, row.id(), "integration.secret_added", null, info(added)));
      changed = true;
    }
    return changed;
  }

  private StoredSecret insertSecret(Stored row, String secret) {
    StoredSecret sealed =
        new StoredSecret(
            rows.allocateSecretNumber(row.tenantId(), row.id()),
            box.seal(secret, context(row.tenantId(), row.id())),
            fingerprint(secret),
            now());
    rows.insertSecret(row.tenantId(), row.id(), sealed);
    return sealed;
  }

  private Optional<String> botToken(Stored row) {
    byte[] sealed = row.botToken();
    return sealed == null
        ? Optional.empty()
        : Optional.of(box.open(sealed, context(row.tenantId(), row.id())));
  }

  private String open(StoredSecret secret, Stored row) {
    return box.open(secret.sealed(), context(row.tenantId(), row.id()));
  }

  /** The associated data binding a sealed value to its tenant and integration. */
  static String context(String tenantId, UUID id) {
    return tenantId + "/integration/" + id;
  }

  /** The first 8 hex digits of SHA-256(secret): tells secrets apart, reveals nothing usable. */
  static String fingerprint(String secret) {
    try {
      byte[] digest =
          MessageDigest.getInstance("SHA-256").digest(secret.getBytes(StandardCharsets.UTF_8));
      return HexFormat.of().formatHex(digest, 0, 4);
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException("SHA-256 is unavailable", e);
    }
  }

  private IntegrationView view(Stored row) {
    List<StoredSecret> secrets = rows.secrets(row.tenantId(), row.id());
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
        secrets.stream().map(Integrations::info).toList(),
        row.version(),
        row.createdAt(),
        row.updatedAt());
  }

  private static IntegrationView.SecretInfo info(StoredSecret secret) {
    return new IntegrationView.SecretInfo(secret.n(), secret.addedAt(), secret.fingerprint());
  }

  private static BatonException.Conflict nameTaken(String name) {
    return new BatonException.Conflict(
        "integration '" + name + "' already exists", Map.of("field", "name"));
  }

  private static AuditRecord record(
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
