/**
 * Slack entry points on a Slack integration's URL: the Events API handshake, {@code /baton} slash
 * commands, and the Accept, Decline and Reassign buttons with the decline reason dialog, each
 * mapped to work item actions by the Slack user's identity.
 */
@NullMarked
package dev.baton.slack;

import org.jspecify.annotations.NullMarked;
