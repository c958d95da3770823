/** The assignment of each work item: its state machine, owner, version and transitions. */
@NullMarked
package dev.baton.assignment;

import org.jspecify.annotations.NullMarked;
