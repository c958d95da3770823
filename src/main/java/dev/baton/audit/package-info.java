/** The append-only, hash-chained audit log: who did what, when, why, before and after. */
@NullMarked
package dev.baton.audit;

import org.jspecify.annotations.NullMarked;
