/** People and their identities in other tools, teams with members, and queues owned by teams. */
@NullMarked
package dev.baton.roster;

import org.jspecify.annotations.NullMarked;
