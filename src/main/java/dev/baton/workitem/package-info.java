/** Canonical work items: their fields, source identity, creation (single and bulk) and queries. */
@NullMarked
package dev.baton.workitem;

import org.jspecify.annotations.NullMarked;
