/** Baton: an assignment routing platform. */
@NullMarked
package dev.baton;

import org.jspecify.annotations.NullMarked;
