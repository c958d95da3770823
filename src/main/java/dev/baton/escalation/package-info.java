/** What makes an assignment stick: durable timers, the accept handshake and escalation policies. */
@NullMarked
package dev.baton.escalation;

import org.jspecify.annotations.NullMarked;
