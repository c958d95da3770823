/** The Slack connector: assignment messages in channels and DMs, kept current with chat.update. */
@NullMarked
package dev.baton.delivery.slack;

import org.jspecify.annotations.NullMarked;
