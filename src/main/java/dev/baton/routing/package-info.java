/**
 * The pure routing engine: a work item, a compiled policy and a roster snapshot in, a decision out.
 */
@NullMarked
package dev.baton.routing;

import org.jspecify.annotations.NullMarked;
