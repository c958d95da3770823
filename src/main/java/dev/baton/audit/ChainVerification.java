package dev.baton.audit;

import org.jspecify.annotations.Nullable;

/**
 * The outcome of walking a tenant's audit chain.
 *
 * @param intact whether every entry's hash and link held
 * @param entries how many entries were checked and found good
 * @param lastSeq sequence number of the last good entry (0 when none)
 * @param firstBadSeq sequence number of the first entry that fails, when not intact
 * @param firstBadId id of that entry, when it exists
 * @param problem what failed, when not intact
 */
public record ChainVerification(
    boolean intact,
    long entries,
    long lastSeq,
    @Nullable Long firstBadSeq,
    @Nullable String firstBadId,
    @Nullable String problem) {}
