package dev.baton.ingest;

import dev.baton.audit.AuditLog;
import dev.baton.audit.AuditRecord;
import dev.baton.ingest.IntegrationRows.Stored;
import dev.baton.ingest.IntegrationRows.StoredSecret;
import dev.baton.platform.Actor;
import dev.baton.platform.BatonException;
import dev.baton.platform.SecretBox;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import org.springframework.stereotype.Component;

/**
 * The sealed values of integrations: signing secrets (one or two active, numbered for good) and
 * Slack bot tokens. Each is encrypted with the master key and bound to its tenant and integration
 * ({@code <tenant>/integration/<id>}); only their number, time added and fingerprint are ever
 * shown. Adding and retiring secrets is audited by number, never by value. Callers hold the
 * integration's row lock.
 */
@Component
class IntegrationSecrets {

  private final IntegrationRows rows;
  private final SecretBox box;
  private final AuditLog audit;
  private final Clock clock;

  IntegrationSecrets(IntegrationRows rows, SecretBox box, AuditLog audit, Clock clock) {
    this.rows = rows;
    this.box = box;
    this.audit = audit;
    this.clock = clock;
  }

  /** The active secrets in clear, oldest first: for the verifier only. */
  List<String> active(Stored row) {
    return rows.secrets(row.tenantId(), row.id()).stream().map(s -> open(s, row)).toList();
  }

  List<IntegrationView.SecretInfo> infos(Stored row) {
    return rows.secrets(row.tenantId(), row.id()).stream().map(IntegrationSecrets::info).toList();
  }

  /** Stores the secrets of a new integration (its creation is audited with their metadata). */
  void addInitial(Stored row, List<String> secrets) {
    secrets.forEach(secret -> insert(row, secret));
  }

  /** Adds a second active secret; an integration never has more than two. */
  void add(Stored row, String secret, Actor actor, String source) {
    List<StoredSecret> active = rows.secrets(row.tenantId(), row.id());
    if (active.size() >= Verifiers.MAX_SECRETS) {
      throw new BatonException.Conflict(
          "integration '"
              + row.name()
              + "' already has two active secrets; retire one before adding another",
          Map.of("activeSecrets", active.stream().map(StoredSecret::n).toList()));
    }
    if (active.stream().anyMatch(s -> open(s, row).equals(secret))) {
      throw new BatonException.Conflict("this secret is already active");
    }
    StoredSecret added = insert(row, secret);
    audit.append(row.tenantId(), record(actor, source, row.id(), added, true));
  }

  /** Retires secret {@code index}; the last active secret cannot be retired. */
  void retire(Stored row, int index, Actor actor, String source) {
    List<StoredSecret> active = rows.secrets(row.tenantId(), row.id());
    StoredSecret retired =
        active.stream()
            .filter(s -> s.n() == index)
            .findFirst()
            .orElseThrow(() -> new BatonException.NotFound("secret", index));
    if (active.size() == 1) {
      throw new BatonException.Conflict(
          "secret " + index + " is the only active secret; add the new one first");
    }
    rows.deleteSecret(row.tenantId(), row.id(), index);
    audit.append(row.tenantId(), record(actor, source, row.id(), retired, false));
  }

  /**
   * Makes {@code wanted} (one or two) exactly the active secrets, keeping those already active;
   * true if any changed.
   */
  boolean replace(Stored row, List<String> wanted, Actor actor, String source) {
    List<String> toAdd = new ArrayList<>(wanted);
    boolean changed = false;
    for (StoredSecret secret : rows.secrets(row.tenantId(), row.id())) {
      if (!toAdd.remove(open(secret, row))) {
        rows.deleteSecret(row.tenantId(), row.id(), secret.n());
        audit.append(row.tenantId(), record(actor, source, row.id(), secret, false));
        changed = true;
      }
    }
    for (String secret : toAdd) {
      StoredSecret added = insert(row, secret);
      audit.append(row.tenantId(), record(actor, source, row.id(), added, true));
      changed = true;
    }
    return changed;
  }

  byte[] sealBotToken(String tenantId, UUID id, String token) {
    return box.seal(token, context(tenantId, id));
  }

  Optional<String> botToken(Stored row) {
    byte[] sealed = row.botToken();
    return sealed == null
        ? Optional.empty()
        : Optional.of(box.open(sealed, context(row.tenantId(), row.id())));
  }

  /** The associated data binding a sealed value to its tenant and integration. */
  static String context(String tenantId, UUID id) {
    return tenantId + "/integration/" + id;
  }

  /** The first 8 hex digits of SHA-256(secret): tells secrets apart, reveals nothing usable. */
  static String fingerprint(String secret) {
    byte[] digest = Verifiers.sha256(secret.getBytes(StandardCharsets.UTF_8));
    return HexFormat.of().formatHex(digest, 0, 4);
  }

  private StoredSecret insert(Stored row, String secret) {
    StoredSecret sealed =
        new StoredSecret(
            rows.allocateSecretNumber(row.tenantId(), row.id()),
            box.seal(secret, context(row.tenantId(), row.id())),
            fingerprint(secret),
            Instant.now(clock).truncatedTo(ChronoUnit.MICROS));
    rows.insertSecret(row.tenantId(), row.id(), sealed);
    return sealed;
  }

  private String open(StoredSecret secret, Stored row) {
    return box.open(secret.sealed(), context(row.tenantId(), row.id()));
  }

  private static IntegrationView.SecretInfo info(StoredSecret secret) {
    return new IntegrationView.SecretInfo(secret.n(), secret.addedAt(), secret.fingerprint());
  }

  private static AuditRecord record(
      Actor actor, String source, UUID id, StoredSecret secret, boolean added) {
    return Integrations.auditRecord(
        actor,
        source,
        id,
        added ? "integration.secret_added" : "integration.secret_retired",
        added ? null : info(secret),
        added ? info(secret) : null);
  }
}
