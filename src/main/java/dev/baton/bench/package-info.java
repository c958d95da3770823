/** Load generators that measure a running Baton through its public HTTP surface. */
@NullMarked
package dev.baton.bench;

import org.jspecify.annotations.NullMarked;
