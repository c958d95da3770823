package dev.baton.tenant;

import java.time.Instant;
import org.jspecify.annotations.Nullable;

/**
 * A person who signs in to the console.
 *
 * @param passwordHash the password in {@code DelegatingPasswordEncoder} form ({@code {bcrypt}...});
 *     never shown
 * @param personId the roster person this user is, if linked
 */
public record ConsoleUser(
    String tenantId,
    String username,
    String passwordHash,
    ConsoleRole role,
    @Nullable String personId,
    Instant createdAt) {}
