package dev.baton.tenant;

import dev.baton.audit.AuditLog;
import dev.baton.audit.AuditRecord;
import dev.baton.platform.Actor;
import dev.baton.platform.BatonException;
import dev.baton.platform.Validation;
import java.security.SecureRandom;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.time.Clock;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.Base64;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;
import org.jspecify.annotations.Nullable;
import org.springframework.dao.DuplicateKeyException;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.security.crypto.factory.PasswordEncoderFactories;
import org.springframework.security.crypto.password.PasswordEncoder;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

/**
 * Console users and their passwords. Passwords are stored through Spring Security's {@code
 * DelegatingPasswordEncoder} (bcrypt today, prefixed with the algorithm so a stronger one can take
 * over without a migration).
 */
@Service
public class ConsoleUsers {

  private static final SecureRandom RANDOM = new SecureRandom();
  private static final int MIN_PASSWORD = 12;

  private final JdbcClient jdbc;
  private final KnownPeople people;
  private final AuditLog audit;
  private final Clock clock;
  private final PasswordEncoder encoder =
      PasswordEncoderFactories.createDelegatingPasswordEncoder();

  ConsoleUsers(JdbcClient jdbc, KnownPeople people, AuditLog audit, Clock clock) {
    this.jdbc = jdbc;
    this.people = people;
    this.audit = audit;
    this.clock = clock;
  }

  /** A user just created, with the password to hand over (shown once). */
  public record Created(ConsoleUser user, String password) {}

  /** The encoder that checks sign-ins against the stored hashes. */
  public PasswordEncoder passwordEncoder() {
    return encoder;
  }

  /** Finds a user by username, ignoring case, in whichever tenant it belongs to. */
  public Optional<ConsoleUser> findByUsername(String username) {
    return jdbc.sql("select * from console_users where lower(username) = lower(:username)")
        .param("username", username)
        .query(ConsoleUsers::row)
        .optional();
  }

  public boolean any(String tenantId) {
    return jdbc.sql("select exists (select 1 from console_users where tenant_id = :tenant)")
        .param("tenant", tenantId)
        .query(Boolean.class)
        .single();
  }

  /**
   * Creates a user; {@code password} null draws one. The user's creation is audited without the
   * password.
   */
  @Transactional
  public Created create(
      String tenantId,
      @Nullable String username,
      @Nullable String role,
      @Nullable String personId,
      @Nullable String password,
      Actor actor,
      String source) {
    new Validation()
        .require(username, "username")
        .slug(username, "username")
        .require(role, "role")
        .when(
            password != null && password.length() < MIN_PASSWORD,
            "password",
            "must be at least " + MIN_PASSWORD + " characters")
        .when(
            personId != null && !people.exists(tenantId, personId),
            "person",
            "no person '" + personId + "' in this tenant")
        .check();
    ConsoleRole parsed = ConsoleRole.parse(java.util.Objects.requireNonNull(role));
    String name = java.util.Objects.requireNonNull(username);
    String secret = password == null ? drawPassword() : password;
    Instant now = Instant.now(clock).truncatedTo(ChronoUnit.MICROS);
    try {
      jdbc.sql(
              """
              insert into console_users (tenant_id, username, password_hash, role, person_id,
                created_at)
              values (:tenant, :username, :hash, :role, :person, :now)
              """)
          .param("tenant", tenantId)
          .param("username", name)
          .param("hash", encoder.encode(secret))
          .param("role", parsed.wireName())
          .param("person", personId)
          .param("now", Timestamp.from(now))
          .update();
    } catch (DuplicateKeyException e) {
      throw new BatonException.Conflict("a console user '" + name + "' already exists");
    }
    Map<String, @Nullable Object> after = new LinkedHashMap<>();
    after.put("username", name);
    after.put("role", parsed.wireName());
    after.put("person", personId);
    audit.append(
        tenantId,
        new AuditRecord(
            actor, source, "console-user", name, "console-user.created", null, null, after));
    ConsoleUser user =
        findByUsername(name).orElseThrow(() -> new IllegalStateException("just inserted"));
    return new Created(user, secret);
  }

  private static String drawPassword() {
    byte[] bytes = new byte[18];
    RANDOM.nextBytes(bytes);
    return Base64.getUrlEncoder().withoutPadding().encodeToString(bytes);
  }

  private static ConsoleUser row(ResultSet rs, int n) throws SQLException {
    return new ConsoleUser(
        rs.getString("tenant_id"),
        rs.getString("username"),
        rs.getString("password_hash"),
        ConsoleRole.parse(rs.getString("role")),
        rs.getString("person_id"),
        rs.getTimestamp("created_at").toInstant());
  }
}
