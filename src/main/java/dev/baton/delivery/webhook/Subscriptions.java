package dev.baton.delivery.webhook;

import dev.baton.audit.AuditLog;
import dev.baton.audit.AuditRecord;
import dev.baton.delivery.webhook.SubscriptionRows.Stored;
import dev.baton.platform.Actor;
import dev.baton.platform.BatonException;
import dev.baton.platform.Ids;
import dev.baton.platform.Page;
import dev.baton.platform.Validation;
import java.time.Clock;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.UUID;
import org.jspecify.annotations.Nullable;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

/**
 * A tenant's outbound webhook subscriptions: create, change, delete, rotate their signing secrets
 * (add a second, move the receiver over, retire the old). Every change is audited; secrets are
 * audited by number and fingerprint, never by value.
 */
@Service
public class Subscriptions {

  static final int MAX_PATTERNS = 50;
  static final int MAX_DESCRIPTION = 500;

  private final SubscriptionRows rows;
  private final SubscriptionSecrets secrets;
  private final OutboundGuard guard;
  private final AuditLog audit;
  private final Clock clock;

  Subscriptions(
      SubscriptionRows rows,
      SubscriptionSecrets secrets,
      OutboundGuard guard,
      AuditLog audit,
      Clock clock) {
    this.rows = rows;
    this.secrets = secrets;
    this.guard = guard;
    this.audit = audit;
    this.clock = clock;
  }

  /** The outcome of a create-or-replace from configuration. */
  public record Saved(SubscriptionView subscription, boolean created, boolean changed) {}

  public SubscriptionView get(String tenantId, String id) {
    return view(stored(tenantId, id));
  }

  public Page<SubscriptionView> list(String tenantId, @Nullable String cursor, int limit) {
    List<SubscriptionView> views =
        rows.list(tenantId, Page.decode(cursor), limit + 1).stream().map(this::view).toList();
    return Page.of(views, limit, SubscriptionView::name);
  }

  /** Every subscription of the tenant by name (configuration export). */
  public List<SubscriptionView> all(String tenantId) {
    return list(tenantId, null, Integer.MAX_VALUE - 1).items();
  }

  /** Creates a subscription; the answer shows a drawn secret once. */
  @Transactional
  public SubscriptionView create(
      String tenantId, SubscriptionRequest request, Actor actor, String source) {
    return create(
        tenantId,
        request,
        request.secret() == null ? null : List.of(request.secret()),
        actor,
        source);
  }

  private SubscriptionView create(
      String tenantId,
      SubscriptionRequest request,
      @Nullable List<String> given,
      Actor actor,
      String source) {
    Validation v =
        new Validation().require(request.url(), "url").require(request.events(), "events");
    check(v, request, given);
    UUID id = Ids.newId(clock);
    String name = request.name() != null ? request.name() : id.toString();
    if (rows.findByName(tenantId, name).isPresent()) {
      throw nameTaken(name);
    }
    Instant now = now();
    Stored row =
        new Stored(
            tenantId,
            id,
            name,
            Objects.requireNonNull(request.url()),
            List.copyOf(Objects.requireNonNull(request.events())),
            request.enabled() == null || request.enabled(),
            null,
            request.description(),
            null,
            null,
            now,
            now);
    rows.insert(row);
    String drawn = given == null ? SubscriptionSecrets.generate() : null;
    for (String secret : given == null ? List.of(Objects.requireNonNull(drawn)) : given) {
      secrets.add(tenantId, id, secret, now);
    }
    SubscriptionView view = view(row);
    audit.append(tenantId, record(actor, source, id, "subscription.created", null, view));
    return view.withSecret(drawn);
  }

  /**
   * Changes the fields the request names; a field left out stays. Secrets change only through
   * {@link #addSecret} and {@link #retireSecret}.
   */
  @Transactional
  public SubscriptionView update(
      String tenantId, String id, SubscriptionRequest changes, Actor actor, String source) {
    Stored before = locked(tenantId, id);
    if (changes.secret() != null) {
      throw new BatonException.InvalidInput(
          "secret",
          "rotate secrets with POST /api/v1/subscriptions/{id}/secrets and"
              + " DELETE /api/v1/subscriptions/{id}/secrets/{index}");
    }
    check(new Validation(), changes, null);
    return commit(before, changed(before, changes), actor, source);
  }

  /**
   * Creates or replaces the subscription named {@code name} from a configuration document. Secrets
   * left out are kept (export omits them); listed secrets become exactly the active ones, so a
   * rotation is two applies: both secrets, then only the new one.
   */
  @Transactional
  public Saved apply(
      String tenantId,
      String name,
      SubscriptionRequest spec,
      @Nullable List<String> wantedSecrets,
      Actor actor,
      String source) {
    SubscriptionRequest named =
        new SubscriptionRequest(
            name, spec.url(), spec.events(), null, spec.enabled(), spec.description());
    Optional<Stored> existing = rows.findByName(tenantId, name);
    if (existing.isEmpty()) {
      return new Saved(create(tenantId, named, wantedSecrets, actor, source), true, true);
    }
    Stored before = locked(tenantId, existing.get().id().toString());
    Validation v = new Validation().require(spec.url(), "url").require(spec.events(), "events");
    check(v, named, wantedSecrets);
    SubscriptionRequest replacement =
        new SubscriptionRequest(
            name,
            spec.url(),
            spec.events(),
            null,
            spec.enabled(), // left out keeps the state (a subscription Baton disabled stays so)
            spec.description() == null ? "" : spec.description());
    boolean secretsChanged =
        wantedSecrets != null && replaceSecrets(before, wantedSecrets, actor, source);
    Stored after = changed(before, replacement);
    boolean changed = secretsChanged || !sameSettings(before, after);
    return new Saved(commit(before, after, actor, source), false, changed);
  }

  @Transactional
  public void delete(String tenantId, String id, Actor actor, String source) {
    Stored row = locked(tenantId, id);
    SubscriptionView before = view(row);
    rows.delete(tenantId, row.id());
    audit.append(tenantId, record(actor, source, row.id(), "subscription.deleted", before, null));
  }

  /** Adds a second active secret (drawn when null, then shown once in the answer). */
  @Transactional
  public SubscriptionView addSecret(
      String tenantId, String id, @Nullable String secret, Actor actor, String source) {
    Stored row = locked(tenantId, id);
    if (secret != null) {
      String problem = SubscriptionSecrets.problem(secret);
      if (problem != null) {
        throw new BatonException.InvalidInput("secret", problem);
      }
    }
    String value = secret != null ? secret : SubscriptionSecrets.generate();
    SubscriptionView.SecretInfo added = secrets.add(tenantId, row.id(), value, now());
    audit.append(
        tenantId, record(actor, source, row.id(), "subscription.secret_added", null, added));
    return view(row).withSecret(secret == null ? value : null);
  }

  /** Retires secret {@code index}; the last active secret cannot be retired. */
  @Transactional
  public SubscriptionView retireSecret(
      String tenantId, String id, int index, Actor actor, String source) {
    Stored row = locked(tenantId, id);
    SubscriptionView.SecretInfo retired = secrets.retire(tenantId, row.id(), index);
    audit.append(
        tenantId, record(actor, source, row.id(), "subscription.secret_retired", retired, null));
    return view(row);
  }

  /** The enabled subscriptions of a tenant, for planning deliveries. */
  List<Stored> enabled(String tenantId) {
    return rows.enabled(tenantId);
  }

  /** A subscription and its active secrets in clear, for one attempt. */
  Optional<Target> target(String tenantId, UUID id) {
    return rows.find(tenantId, id).map(row -> new Target(row, secrets.active(tenantId, id)));
  }

  record Target(Stored subscription, List<String> secrets) {}

  private void check(Validation v, SubscriptionRequest request, @Nullable List<String> given) {
    v.slug(request.name(), "name").maxLength(request.description(), "description", MAX_DESCRIPTION);
    if (request.url() != null) {
      String problem = guard.urlProblem(request.url());
      v.when(problem != null, "url", String.valueOf(problem));
    }
    List<String> events = request.events();
    if (events != null) {
      v.when(events.isEmpty(), "events", "must name at least one event type pattern");
      v.when(events.size() > MAX_PATTERNS, "events", "must have at most " + MAX_PATTERNS);
      for (int i = 0; i < events.size(); i++) {
        String pattern = events.get(i);
        String problem = pattern == null ? "must not be null" : EventPatterns.problem(pattern);
        v.when(problem != null, "events[" + i + "]", String.valueOf(problem));
      }
    }
    if (given != null) {
      v.when(
          given.isEmpty() || given.size() > SubscriptionSecrets.MAX_ACTIVE,
          "secrets",
          "must list one or two secrets");
      v.when(
          given.size() == 2 && Objects.equals(given.get(0), given.get(1)),
          "secrets",
          "must not repeat a secret");
      for (int i = 0; i < given.size(); i++) {
        String secret = given.get(i);
        String problem = secret == null ? "must not be null" : SubscriptionSecrets.problem(secret);
        v.when(
            problem != null,
            given.size() == 1 ? "secret" : "secrets[" + i + "]",
            String.valueOf(problem));
      }
    }
    v.check();
  }

  /** The row with the fields {@code changes} names; enabling again clears the failure state. */
  private Stored changed(Stored before, SubscriptionRequest changes) {
    boolean enabled = changes.enabled() != null ? changes.enabled() : before.enabled();
    boolean reenabled = enabled && !before.enabled();
    String description =
        changes.description() == null
            ? before.description()
            : changes.description().isEmpty() ? null : changes.description();
    return before.with(
        changes.name() != null ? changes.name() : before.name(),
        changes.url() != null ? changes.url() : before.url(),
        changes.events() != null ? List.copyOf(changes.events()) : before.events(),
        enabled,
        enabled ? null : before.disabledReason(),
        description,
        reenabled ? null : before.firstFailureAt(),
        before.updatedAt());
  }

  private SubscriptionView commit(Stored before, Stored after, Actor actor, String source) {
    if (sameSettings(before, after)) {
      return view(before);
    }
    if (!before.name().equals(after.name())
        && rows.findByName(before.tenantId(), after.name()).isPresent()) {
      throw nameTaken(after.name());
    }
    Stored next =
        after.with(
            after.name(),
            after.url(),
            after.events(),
            after.enabled(),
            after.disabledReason(),
            after.description(),
            after.firstFailureAt(),
            now());
    rows.update(next);
    audit.append(
        next.tenantId(),
        record(actor, source, next.id(), "subscription.updated", settings(before), settings(next)));
    return view(next);
  }

  /**
   * Makes {@code wanted} exactly the active secrets, keeping those already active. A secret is
   * retired before an add only when two are active, so one always stays.
   */
  private boolean replaceSecrets(Stored row, List<String> wanted, Actor actor, String source) {
    Map<String, Integer> active = secrets.numbers(row.tenantId(), row.id());
    List<String> toAdd = wanted.stream().filter(s -> !active.containsKey(s)).toList();
    List<Integer> toRetire =
        new ArrayList<>(
            active.entrySet().stream()
                .filter(e -> !wanted.contains(e.getKey()))
                .map(Map.Entry::getValue)
                .toList());
    boolean changed = !toAdd.isEmpty() || !toRetire.isEmpty();
    int count = active.size();
    for (String secret : toAdd) {
      if (count == SubscriptionSecrets.MAX_ACTIVE) {
        secretRetired(row, toRetire.remove(0), actor, source);
        count--;
      }
      secretAdded(row, secret, actor, source);
      count++;
    }
    for (int n : toRetire) {
      secretRetired(row, n, actor, source);
    }
    return changed;
  }

  private void secretRetired(Stored row, int n, Actor actor, String source) {
    SubscriptionView.SecretInfo retired = secrets.retire(row.tenantId(), row.id(), n);
    audit.append(
        row.tenantId(),
        record(actor, source, row.id(), "subscription.secret_retired", retired, null));
  }

  private void secretAdded(Stored row, String secret, Actor actor, String source) {
    SubscriptionView.SecretInfo added = secrets.add(row.tenantId(), row.id(), secret, now());
    audit.append(
        row.tenantId(), record(actor, source, row.id(), "subscription.secret_added", null, added));
  }

  private static boolean sameSettings(Stored a, Stored b) {
    return a.name().equals(b.name())
        && a.url().equals(b.url())
        && a.events().equals(b.events())
        && a.enabled() == b.enabled()
        && Objects.equals(a.disabledReason(), b.disabledReason())
        && Objects.equals(a.description(), b.description())
        && Objects.equals(a.firstFailureAt(), b.firstFailureAt());
  }

  static Map<String, Object> settings(Stored row) {
    Map<String, Object> settings = new LinkedHashMap<>();
    settings.put("name", row.name());
    settings.put("url", row.url());
    settings.put("events", row.events());
    settings.put("enabled", row.enabled());
    settings.put("disabledReason", row.disabledReason());
    settings.put("description", row.description());
    return settings;
  }

  SubscriptionView view(Stored row) {
    return new SubscriptionView(
        row.id(),
        row.name(),
        row.url(),
        row.events(),
        row.enabled(),
        row.disabledReason(),
        row.description(),
        secrets.infos(row.tenantId(), row.id()),
        row.lastSuccessAt(),
        row.firstFailureAt(),
        row.createdAt(),
        row.updatedAt(),
        null);
  }

  private Stored stored(String tenantId, String id) {
    return parseId(id)
        .flatMap(uuid -> rows.find(tenantId, uuid))
        .orElseThrow(() -> new BatonException.NotFound("subscription", id));
  }

  Stored locked(String tenantId, String id) {
    return parseId(id)
        .flatMap(uuid -> rows.lock(tenantId, uuid))
        .orElseThrow(() -> new BatonException.NotFound("subscription", id));
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

  private static BatonException.Conflict nameTaken(String name) {
    return new BatonException.Conflict(
        "subscription '" + name + "' already exists", Map.of("field", "name"));
  }

  static AuditRecord record(
      Actor actor,
      String source,
      UUID id,
      String action,
      @Nullable Object before,
      @Nullable Object after) {
    return new AuditRecord(
        actor, source, "subscription", id.toString(), action, null, before, after);
  }

  Instant now() {
    return Instant.now(clock).truncatedTo(ChronoUnit.MICROS);
  }
}
