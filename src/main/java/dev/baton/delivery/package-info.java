/**
 * The transactional outbox of the tenant's events, the ordered event feed, and the deliveries the
 * connectors plan from it: leased dispatch, retries, dead letters and replay.
 */
@NullMarked
package dev.baton.delivery;

import org.jspecify.annotations.NullMarked;
