/** Wiring every module shares: database (embedded or external), ids, clock, errors, correlation. */
@NullMarked
package dev.baton.platform;

import org.jspecify.annotations.NullMarked;
