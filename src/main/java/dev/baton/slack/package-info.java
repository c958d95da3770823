/**
 * Slack entry points on a Slack integration's URL: the Events API handshake, {@code /baton} slash
 * commands, the Accept, Decline and Reassign buttons with the decline reason dialog, and the
 * Approve and Deny buttons of approval requests, each mapped to actions by the Slack user's
 * identity.
 */
@NullMarked
package dev.baton.slack;

import org.jspecify.annotations.NullMarked;
