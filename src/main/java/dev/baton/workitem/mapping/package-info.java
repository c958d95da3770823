/**
 * Mapping tables: per integration, versioned rules that turn a source event's labels, components,
 * priority names and fields into the canonical work item's type, priority, skills and team.
 */
@NullMarked
package dev.baton.workitem.mapping;

import org.jspecify.annotations.NullMarked;
