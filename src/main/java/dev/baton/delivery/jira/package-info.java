/**
 * The Jira Cloud connector: per Jira integration a connection (site, sealed credentials, owned
 * fields, rollout mode) and the write-back of assignments as assignee, comment and owned fields.
 */
@NullMarked
package dev.baton.delivery.jira;

import org.jspecify.annotations.NullMarked;
