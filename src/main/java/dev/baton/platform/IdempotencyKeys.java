package dev.baton.platform;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.HexFormat;
import java.util.Optional;
import java.util.function.Supplier;
import org.jspecify.annotations.Nullable;
import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.scheduling.annotation.Scheduled;
import org.springframework.stereotype.Component;
import org.springframework.transaction.support.TransactionTemplate;
import tools.jackson.databind.json.JsonMapper;

/**
 * {@code Idempotency-Key} for API writes: the first request with a key does the work and its
 * response is stored in the same transaction; a repeat with the same request gets the stored
 * response (same status, same body); a repeat with a different request is refused with 422. Two
 * concurrent requests with one key are serialised by the key's primary key: the second waits for
 * the first to commit and then replays it. Keys are kept {@link #RETENTION} at least.
 */
@Component
public class IdempotencyKeys {

  /** How long a key is remembered at least. */
  public static final Duration RETENTION = Duration.ofHours(48);

  private final JdbcClient jdbc;
  private final TransactionTemplate tx;
  private final JsonMapper json;
  private final Clock clock;

  IdempotencyKeys(JdbcClient jdbc, TransactionTemplate tx, JsonMapper json, Clock clock) {
    this.jdbc = jdbc;
    this.tx = tx;
    this.json = json;
    this.clock = clock;
  }

  /** A response to send as JSON with its status. */
  public record Outcome(HttpStatus status, Object body) {}

  /** The key and the fingerprint of the request that carries it. */
  public record Key(String tenantId, String key, String fingerprint) {}

  /**
   * Builds the key of a request, or empty when the caller sent none. The fingerprint covers the
   * method, path and exact body bytes.
   */
  public static Optional<Key> of(
      String tenantId, @Nullable String header, String method, String path, byte[] body) {
    if (header == null) {
      return Optional.empty();
    }
    if (header.isBlank() || header.length() > 255) {
      throw new BatonException.BadRequest("header 'Idempotency-Key' must be 1-255 characters");
    }
    try {
      MessageDigest sha = MessageDigest.getInstance("SHA-256");
      sha.update((method + " " + path + "\n").getBytes(StandardCharsets.UTF_8));
      sha.update(body);
      return Optional.of(new Key(tenantId, header, HexFormat.of().formatHex(sha.digest())));
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException(e);
    }
  }

  /**
   * Runs {@code work} in one transaction with the key's record, or replays the stored response.
   * Without a key the work simply runs in a transaction.
   */
  public ResponseEntity<String> run(Optional<Key> key, Supplier<Outcome> work) {
    String body =
        tx.execute(
            status -> {
              if (key.isEmpty()) {
                Outcome outcome = work.get();
                return encode(outcome);
              }
              Key k = key.get();
              int inserted =
                  jdbc.sql(
                          """
                          insert into idempotency_keys (tenant_id, key, fingerprint, created_at)
                          values (:tenant, :key, :fingerprint, :now)
                          on conflict do nothing
                          """)
                      .param("tenant", k.tenantId())
                      .param("key", k.key())
                      .param("fingerprint", k.fingerprint())
                      .param("now", java.sql.Timestamp.from(Instant.now(clock)))
                      .update();
              if (inserted == 0) {
                return replay(k);
              }
              Outcome outcome = work.get();
              String encoded = encode(outcome);
              jdbc.sql(
                      """
                      update idempotency_keys set status = :status, response = :response
                      where tenant_id = :tenant and key = :key
                      """)
                  .param("status", outcome.status().value())
                  .param("response", encoded.substring(encoded.indexOf(' ') + 1))
                  .param("tenant", k.tenantId())
                  .param("key", k.key())
                  .update();
              return encoded;
            });
    int space = body == null ? -1 : body.indexOf(' ');
    if (body == null || space < 0) {
      throw new IllegalStateException("idempotent work produced no response");
    }
    return ResponseEntity.status(Integer.parseInt(body.substring(0, space)))
        .contentType(MediaType.APPLICATION_JSON)
        .body(body.substring(space + 1));
  }

  private String replay(Key k) {
    record Stored(String fingerprint, @Nullable Integer status, @Nullable String response) {}
    Stored stored =
        jdbc.sql(
                "select fingerprint, status, response from idempotency_keys"
                    + " where tenant_id = :tenant and key = :key")
            .param("tenant", k.tenantId())
            .param("key", k.key())
            .query(Stored.class)
            .single();
    if (!stored.fingerprint().equals(k.fingerprint())) {
      throw new IdempotencyKeyReused(k.key());
    }
    if (stored.status() == null || stored.response() == null) {
      throw new BatonException.Conflict(
          "a request with Idempotency-Key '" + k.key() + "' is still in progress");
    }
    return stored.status() + " " + stored.response();
  }

  private String encode(Outcome outcome) {
    return outcome.status().value() + " " + json.writeValueAsString(outcome.body());
  }

  @Scheduled(fixedDelayString = "PT1H", initialDelayString = "PT1M")
  void forgetExpiredKeys() {
    jdbc.sql("delete from idempotency_keys where created_at < :before")
        .param("before", java.sql.Timestamp.from(Instant.now(clock).minus(RETENTION)))
        .update();
  }

  /** The key was used before with a different request. */
  public static final class IdempotencyKeyReused extends BatonException.InvalidInput {
    IdempotencyKeyReused(String key) {
      super(
          "Idempotency-Key",
          "'" + key + "' was already used with a different request; use a new key");
    }
  }
}
