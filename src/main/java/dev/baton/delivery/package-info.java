/** The transactional outbox of the tenant's events and, from it, the ordered event feed. */
@NullMarked
package dev.baton.delivery;

import org.jspecify.annotations.NullMarked;
