package dev.baton.console;

import dev.baton.platform.Actor;
import dev.baton.tenant.ConsoleRole;
import dev.baton.tenant.ConsoleUser;
import dev.baton.tenant.ConsoleUsers;
import dev.baton.workitem.WorkItemActions;
import java.util.Collection;
import java.util.List;
import org.jspecify.annotations.Nullable;
import org.springframework.security.core.CredentialsContainer;
import org.springframework.security.core.GrantedAuthority;
import org.springframework.security.core.authority.SimpleGrantedAuthority;
import org.springframework.security.core.userdetails.UserDetails;

/**
 * The signed-in console user: the tenant every page reads, the role that says whether they may act,
 * and the actor ({@code console:<username>}) recorded for what they do.
 */
class ConsoleAccount implements UserDetails, CredentialsContainer {

  /** The {@link Actor#type()} of everything done in the console. */
  static final String ACTOR_TYPE = ConsoleUsers.ACTOR_TYPE;

  static final String SOURCE = "console";

  private final String tenantId;
  private final String username;
  private final ConsoleRole role;
  private final @Nullable String personId;
  private final boolean enabled;
  private @Nullable String passwordHash;

  ConsoleAccount(ConsoleUser user) {
    this.tenantId = user.tenantId();
    this.username = user.username();
    this.role = user.role();
    this.personId = user.personId();
    this.enabled = !user.disabled();
    this.passwordHash = user.passwordHash();
  }

  public String tenantId() {
    return tenantId;
  }

  public ConsoleRole role() {
    return role;
  }

  public boolean mayAct() {
    return role.mayAct();
  }

  @Nullable String personId() {
    return personId;
  }

  Actor actor() {
    return new Actor(ACTOR_TYPE, username, personId == null ? null : "person:" + personId);
  }

  /** How the console acts on work items; only an admin may override. */
  WorkItemActions.Acting acting() {
    return new WorkItemActions.Acting(tenantId, actor(), SOURCE, role == ConsoleRole.ADMIN);
  }

  @Override
  public Collection<? extends GrantedAuthority> getAuthorities() {
    return List.of(new SimpleGrantedAuthority("ROLE_" + role.name()));
  }

  @Override
  public @Nullable String getPassword() {
    return passwordHash;
  }

  @Override
  public String getUsername() {
    return username;
  }

  /** A disabled user's password sign-in is refused by Spring Security's own check of this. */
  @Override
  public boolean isEnabled() {
    return enabled;
  }

  /** Drops the hash once the sign-in is checked, so the session never holds it. */
  @Override
  public void eraseCredentials() {
    passwordHash = null;
  }
}
