/**
 * Reconciliation with Jira: per Jira integration, on a schedule and on demand, Baton reads the
 * issues updated since its last run and the issues it holds open, finds where Jira and Baton
 * disagree, repairs what Baton owns, adopts people's changes, backfills missed issues and closes
 * deleted ones, and records each repair as a maintenance entry.
 */
@NullMarked
package dev.baton.reconcile;

import org.jspecify.annotations.NullMarked;
