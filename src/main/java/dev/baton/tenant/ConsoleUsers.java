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
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.regex.Pattern;
import org.jspecify.annotations.Nullable;
import org.springframework.dao.DuplicateKeyException;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.security.crypto.factory.PasswordEncoderFactories;
import org.springframework.security.crypto.password.PasswordEncoder;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

/**
 * Console users and their passwords, shared by the console's users page, single sign-on and {@code
 * baton user}. Passwords are stored through Spring Security's {@code DelegatingPasswordEncoder}
 * (bcrypt today, prefixed with the algorithm so a stronger one can take over without a migration).
 * Every change is audited with the actor who made it; a console admin ({@link #ACTOR_TYPE}) may
 * neither disable themselves nor take away their own admin role, so a tenant is not locked out by a
 * slip.
 */
@Service
public class ConsoleUsers {

  /** The {@link Actor#type()} of people acting in the console; the id is their username. */
  public static final String ACTOR_TYPE = "console";

  private static final SecureRandom RANDOM = new SecureRandom();
  private static final int MIN_PASSWORD = 12;

  /** Lowercase, so that an e-mail address from single sign-on can be a username. */
  private static final Pattern USERNAME = Pattern.compile("[a-z0-9][a-z0-9._@+-]{0,127}");

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

  /** A user just created, or whose password was just reset, with the password to hand over. */
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

  /** A user of this tenant by username (ignoring case); another tenant's user is not found. */
  public ConsoleUser get(String tenantId, String username) {
    return jdbc.sql(
            "select * from console_users where tenant_id = :tenant and lower(username) ="
                + " lower(:username)")
        .param("tenant", tenantId)
        .param("username", username)
        .query(ConsoleUsers::row)
        .optional()
        .orElseThrow(() -> new BatonException.NotFound("console user", username));
  }

  /** The user already matched with this OpenID subject in this tenant, if any. */
  public Optional<ConsoleUser> findBySsoSubject(String tenantId, String subject) {
    return jdbc.sql(
            "select * from console_users where tenant_id = :tenant and sso_subject = :subject")
        .param("tenant", tenantId)
        .param("subject", subject)
        .query(ConsoleUsers::row)
        .optional();
  }

  /** The tenant's console users by username. */
  public List<ConsoleUser> list(String tenantId) {
    return jdbc.sql("select * from console_users where tenant_id = :tenant order by username")
        .param("tenant", tenantId)
        .query(ConsoleUsers::row)
        .list();
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
        .when(
            password != null && password.length() < MIN_PASSWORD,
            "password",
            "must be at least " + MIN_PASSWORD + " characters")
        .check();
    String secret = password == null ? drawPassword() : password;
    ConsoleUser user =
        insert(tenantId, username, role, personId, encoder.encode(secret), null, actor, source);
    return new Created(user, secret);
  }

  /**
   * Creates a user who signs in by single sign-on only (no password until an admin resets one),
   * matched with the provider's {@code subject}; audited like any creation.
   */
  @Transactional
  public ConsoleUser createForSso(
      String tenantId,
      String username,
      ConsoleRole role,
      String subject,
      Actor actor,
      String source) {
    return insert(tenantId, username, role.wireName(), null, null, subject, actor, source);
  }

  /** Gives a user another role; an admin cannot take away their own admin role. */
  @Transactional
  public ConsoleUser changeRole(
      String tenantId, String username, @Nullable String role, Actor actor, String source) {
    new Validation().require(role, "role").check();
    ConsoleRole parsed = ConsoleRole.parse(Objects.requireNonNull(role));
    ConsoleUser user = get(tenantId, username);
    if (user.role() == parsed) {
      return user;
    }
    if (isSelf(actor, user) && user.role() == ConsoleRole.ADMIN) {
      throw new BatonException.Conflict(
          "you cannot take away your own admin role; another admin can");
    }
    set(user, "role = :value", parsed.wireName());
    audit(tenantId, actor, source, user, "console-user.role-changed", "role", user.role(), parsed);
    return get(tenantId, username);
  }

  /** Draws a new password for a user (shown once) and stores only its hash. */
  @Transactional
  public Created resetPassword(String tenantId, String username, Actor actor, String source) {
    ConsoleUser user = get(tenantId, username);
    String secret = drawPassword();
    set(user, "password_hash = :value", encoder.encode(secret));
    audit.append(
        tenantId,
        new AuditRecord(
            actor,
            source,
            "console-user",
            user.username(),
            "console-user.password-reset",
            null,
            null,
            null));
    return new Created(get(tenantId, username), secret);
  }

  /** Stops a user from signing in, by password or single sign-on; not oneself. */
  @Transactional
  public ConsoleUser disable(String tenantId, String username, Actor actor, String source) {
    ConsoleUser user = get(tenantId, username);
    if (isSelf(actor, user)) {
      throw new BatonException.Conflict("you cannot disable yourself; another admin can");
    }
    if (user.disabled()) {
      return user;
    }
    Instant now = now();
    set(user, "disabled_at = :value", Timestamp.from(now));
    audit(tenantId, actor, source, user, "console-user.disabled", "disabledAt", null, now);
    return get(tenantId, username);
  }

  /** Lets a disabled user sign in again. */
  @Transactional
  public ConsoleUser enable(String tenantId, String username, Actor actor, String source) {
    ConsoleUser user = get(tenantId, username);
    if (!user.disabled()) {
      return user;
    }
    set(user, "disabled_at = :value", null);
    audit(
        tenantId,
        actor,
        source,
        user,
        "console-user.enabled",
        "disabledAt",
        user.disabledAt(),
        null);
    return get(tenantId, username);
  }

  /** Matches a user with the OpenID subject they first signed in with; audited. */
  @Transactional
  public void linkSso(
      String tenantId, String username, String subject, Actor actor, String source) {
    ConsoleUser user = get(tenantId, username);
    set(user, "sso_subject = :value", subject);
    audit(tenantId, actor, source, user, "console-user.sso-linked", "ssoSubject", null, subject);
  }

  /** Notes a successful sign-in (not audited: it changes nothing anyone acts on). */
  public void recordSignIn(String tenantId, String username) {
    jdbc.sql(
            "update console_users set last_sign_in_at = :now where tenant_id = :tenant and"
                + " lower(username) = lower(:username)")
        .param("now", Timestamp.from(now()))
        .param("tenant", tenantId)
        .param("username", username)
        .update();
  }

  private ConsoleUser insert(
      String tenantId,
      @Nullable String username,
      @Nullable String role,
      @Nullable String personId,
      @Nullable String passwordHash,
      @Nullable String ssoSubject,
      Actor actor,
      String source) {
    new Validation()
        .require(username, "username")
        .when(
            username != null && !USERNAME.matcher(username).matches(),
            "username",
            "must be 1-128 characters of lowercase letters, digits, '.', '_', '-', '@' or '+',"
                + " starting with a letter or digit")
        .require(role, "role")
        .when(
            personId != null && !people.exists(tenantId, personId),
            "person",
            "no person '" + personId + "' in this tenant")
        .check();
    ConsoleRole parsed = ConsoleRole.parse(Objects.requireNonNull(role));
    String name = Objects.requireNonNull(username);
    try {
      jdbc.sql(
              """
              insert into console_users (tenant_id, username, password_hash, role, person_id,
                created_at, sso_subject)
              values (:tenant, :username, :hash, :role, :person, :now, :subject)
              """)
          .param("tenant", tenantId)
          .param("username", name)
          .param("hash", passwordHash)
          .param("role", parsed.wireName())
          .param("person", personId)
          .param("now", Timestamp.from(now()))
          .param("subject", ssoSubject)
          .update();
    } catch (DuplicateKeyException e) {
      throw new BatonException.Conflict("a console user '" + name + "' already exists");
    }
    Map<String, @Nullable Object> after = new LinkedHashMap<>();
    after.put("username", name);
    after.put("role", parsed.wireName());
    after.put("person", personId);
    after.put("signIn", passwordHash == null ? "sso" : "password");
    audit.append(
        tenantId,
        new AuditRecord(
            actor, source, "console-user", name, "console-user.created", null, null, after));
    return get(tenantId, name);
  }

  private void set(ConsoleUser user, String assignment, @Nullable Object value) {
    jdbc.sql(
            "update console_users set "
                + assignment
                + " where tenant_id = :tenant and username = :username")
        .param("value", value)
        .param("tenant", user.tenantId())
        .param("username", user.username())
        .update();
  }

  private void audit(
      String tenantId,
      Actor actor,
      String source,
      ConsoleUser user,
      String action,
      String field,
      @Nullable Object before,
      @Nullable Object after) {
    Map<String, @Nullable Object> was = new LinkedHashMap<>();
    was.put(field, wire(before));
    Map<String, @Nullable Object> now = new LinkedHashMap<>();
    now.put(field, wire(after));
    audit.append(
        tenantId,
        new AuditRecord(actor, source, "console-user", user.username(), action, null, was, now));
  }

  private static @Nullable Object wire(@Nullable Object value) {
    if (value instanceof ConsoleRole role) {
      return role.wireName();
    }
    return value == null ? null : value.toString();
  }

  private static boolean isSelf(Actor actor, ConsoleUser user) {
    return ACTOR_TYPE.equals(actor.type()) && actor.id().equalsIgnoreCase(user.username());
  }

  private Instant now() {
    return Instant.now(clock).truncatedTo(ChronoUnit.MICROS);
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
        rs.getTimestamp("created_at").toInstant(),
        instant(rs.getTimestamp("disabled_at")),
        instant(rs.getTimestamp("last_sign_in_at")),
        rs.getString("sso_subject"));
  }

  private static @Nullable Instant instant(@Nullable Timestamp value) {
    return value == null ? null : value.toInstant();
  }
}
