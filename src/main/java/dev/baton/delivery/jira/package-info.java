/**
 * The Jira Cloud connector: per Jira integration a connection (site, sealed credentials, owned
 * fields, rollout mode) and the write-back of assignments as assignee, comment and owned fields;
 * {@link dev.baton.delivery.jira.JiraIssues} reads issues back for reconciliation.
 */
@NullMarked
@NamedInterface("jira")
package dev.baton.delivery.jira;

import org.jspecify.annotations.NullMarked;
import org.springframework.modulith.NamedInterface;
