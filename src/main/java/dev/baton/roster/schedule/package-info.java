/**
 * Pure on-call schedule math: rotations handing off at local wall-clock times, layers, overrides
 * and time-off cover, computed for instants the caller passes in.
 */
@NullMarked
package dev.baton.roster.schedule;

import org.jspecify.annotations.NullMarked;
