package dev.baton.ingest;

import dev.baton.ingest.IntegrationRows.Stored;
import dev.baton.platform.BatonException;
import dev.baton.platform.Validation;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import org.jspecify.annotations.Nullable;

/**
 * Validates an {@link IntegrationRequest} into complete settings, naming every field at fault at
 * once. Pure: uniqueness of names is the store's business.
 */
final class IntegrationChecks {

  static final long DEFAULT_MAX_BODY_SIZE = IntegrationRequest.DEFAULT_MAX_BODY_SIZE;
  static final long MIN_MAX_BODY_SIZE = 1024;
  static final long MAX_MAX_BODY_SIZE = IntegrationRequest.MAX_MAX_BODY_SIZE;
  static final int MAX_EVENTS = 100;
  static final int MAX_EVENT_LENGTH = 200;

  private IntegrationChecks() {}

  /**
   * Complete settings.
   *
   * @param secrets the secrets to make active, or null to keep the active ones
   * @param botToken the bot token to store, or null for none (whether the request named one is for
   *     the caller to see)
   */
  record Checked(
      Provider provider,
      String name,
      @Nullable List<String> secrets,
      boolean enabled,
      List<String> events,
      long maxBodySize,
      @Nullable String botToken,
      @Nullable Map<String, String> mapping,
      String mode) {}

  static Checked forCreate(IntegrationRequest r) {
    Validation v = new Validation();
    Provider provider = provider(r.provider(), v);
    v.require(r.secrets(), "secrets");
    return settings(
        v,
        provider,
        r.name(),
        r.secrets(),
        r.enabled() == null || r.enabled(),
        r.events(),
        r.maxBodySize(),
        blankToNull(r.botToken()),
        emptyToNull(r.mapping()),
        r.mode());
  }

  /** The settings after applying {@code changes}; what they leave out stays as stored. */
  static Checked forChange(Stored before, IntegrationRequest changes) {
    Validation v = new Validation();
    sameProvider(before, changes.provider(), v);
    return settings(
        v,
        before.provider(),
        changes.name() != null ? changes.name() : before.name(),
        null,
        changes.enabled() != null ? changes.enabled() : before.enabled(),
        changes.events() != null ? changes.events() : before.events(),
        changes.maxBodySize() != null ? changes.maxBodySize() : before.maxBodySize(),
        blankToNull(changes.botToken()),
        changes.mapping() != null ? emptyToNull(changes.mapping()) : before.mapping(),
        changes.mode() != null ? changes.mode() : before.mode());
  }

  /** The settings a configuration document states in full; secrets left out are kept. */
  static Checked forReplace(Stored before, IntegrationRequest spec) {
    Validation v = new Validation();
    v.require(spec.provider(), "provider");
    sameProvider(before, spec.provider(), v);
    return settings(
        v,
        before.provider(),
        spec.name(),
        spec.secrets(),
        spec.enabled() == null || spec.enabled(),
        spec.events(),
        spec.maxBodySize(),
        blankToNull(spec.botToken()),
        emptyToNull(spec.mapping()),
        spec.mode());
  }

  /** One secret for {@code provider}, or a 422 naming {@code secret}. */
  static String secret(Provider provider, @Nullable String secret) {
    Validation v = new Validation();
    v.require(secret, "secret");
    if (secret != null) {
      String problem = SecretFormats.problem(provider, secret);
      v.when(problem != null, "secret", String.valueOf(problem));
    }
    v.check();
    return Objects.requireNonNull(secret);
  }

  private static Checked settings(
      Validation v,
      @Nullable Provider provider,
      @Nullable String name,
      @Nullable List<String> secrets,
      boolean enabled,
      @Nullable List<String> events,
      @Nullable Long maxBodySize,
      @Nullable String botToken,
      @Nullable Map<String, String> mapping,
      @Nullable String mode) {
    v.require(name, "name").slug(name, "name");
    if (provider != null && secrets != null) {
      checkSecrets(provider, secrets, v);
    }
    List<String> checkedEvents = events(events, v);
    long size = maxBodySize == null ? DEFAULT_MAX_BODY_SIZE : maxBodySize;
    v.when(
        size < MIN_MAX_BODY_SIZE || size > MAX_MAX_BODY_SIZE,
        "maxBodySize",
        "must be between " + MIN_MAX_BODY_SIZE + " and " + MAX_MAX_BODY_SIZE + " bytes");
    if (botToken != null) {
      String problem = SecretFormats.botTokenProblem(botToken);
      v.when(problem != null, "botToken", String.valueOf(problem));
      v.when(
          provider != null && provider != Provider.SLACK,
          "botToken",
          "only a slack integration has a bot token");
    }
    if (mapping != null) {
      checkMapping(provider, mapping, v);
    }
    String checkedMode = mode == null ? IntegrationRequest.DEFAULT_MODE : mode;
    v.when(
        !IntegrationRequest.MODES.contains(checkedMode),
        "mode",
        "must be one of " + String.join(", ", IntegrationRequest.MODES));
    v.when(
        provider != null
            && provider != Provider.SLACK
            && !checkedMode.equals(IntegrationRequest.DEFAULT_MODE),
        "mode",
        "only a slack integration has a mode; a Jira integration's write-back mode is on its"
            + " Jira connection");
    v.check();
    return new Checked(
        Objects.requireNonNull(provider),
        Objects.requireNonNull(name),
        secrets == null ? null : List.copyOf(secrets),
        enabled,
        checkedEvents,
        size,
        botToken,
        mapping == null ? null : Map.copyOf(mapping),
        checkedMode);
  }

  private static @Nullable Provider provider(@Nullable String provider, Validation v) {
    v.require(provider, "provider");
    if (provider == null) {
      return null;
    }
    try {
      return Provider.parse(provider);
    } catch (BatonException.InvalidInput e) {
      e.errors().forEach(p -> v.add(p.field(), p.message()));
      return null;
    }
  }

  private static void sameProvider(Stored before, @Nullable String provider, Validation v) {
    v.when(
        provider != null && !provider.equals(before.provider().wireName()),
        "provider",
        "is '"
            + before.provider().wireName()
            + "' and cannot change; create another integration for another provider");
  }

  private static void checkSecrets(Provider provider, List<String> secrets, Validation v) {
    if (secrets.isEmpty() || secrets.size() > Verifiers.MAX_SECRETS) {
      v.add("secrets", "must hold one or two secrets (two while rotating)");
      return;
    }
    for (int i = 0; i < secrets.size(); i++) {
      String secret = secrets.get(i);
      String problem = secret == null ? "is required" : SecretFormats.problem(provider, secret);
      v.when(problem != null, "secrets[" + i + "]", String.valueOf(problem));
    }
    v.when(
        secrets.size() == 2 && Objects.equals(secrets.get(0), secrets.get(1)),
        "secrets",
        "must be two different secrets");
  }

  private static List<String> events(@Nullable List<String> events, Validation v) {
    if (events == null) {
      return List.of();
    }
    v.when(events.size() > MAX_EVENTS, "events", "must list at most " + MAX_EVENTS + " events");
    LinkedHashSet<String> distinct = new LinkedHashSet<>();
    for (int i = 0; i < events.size(); i++) {
      String event = events.get(i);
      boolean bad =
          event == null
              || event.isBlank()
              || event.length() > MAX_EVENT_LENGTH
              || event.chars().anyMatch(Character::isISOControl);
      v.when(
          bad,
          "events[" + i + "]",
          "must be an event name of 1 to " + MAX_EVENT_LENGTH + " characters");
      if (!bad) {
        distinct.add(event);
      }
    }
    return new ArrayList<>(distinct);
  }

  private static void checkMapping(
      @Nullable Provider provider, Map<String, String> mapping, Validation v) {
    if (provider != null
        && provider != Provider.GENERIC
        && provider != Provider.STANDARD_WEBHOOKS) {
      v.add("mapping", "only generic and standard-webhooks integrations have a mapping");
      return;
    }
    if (mapping.values().stream().anyMatch(Objects::isNull)) {
      v.add("mapping", "every field needs a JSON Pointer");
      return;
    }
    try {
      new GenericMapping(mapping);
    } catch (BatonException.InvalidInput e) {
      e.errors()
          .forEach(p -> v.add("mapping" + p.field().substring("pointers".length()), p.message()));
    }
  }

  private static @Nullable String blankToNull(@Nullable String value) {
    return value == null || value.isEmpty() ? null : value;
  }

  private static @Nullable Map<String, String> emptyToNull(@Nullable Map<String, String> map) {
    return map == null || map.isEmpty() ? null : map;
  }
}
