/**
 * The Slack connector: assignment messages in channels and DMs, and approval requests as DMs to
 * their approvers, kept current with chat.update.
 */
@NullMarked
package dev.baton.delivery.slack;

import org.jspecify.annotations.NullMarked;
