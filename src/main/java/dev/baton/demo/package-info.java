/**
 * The live demo of {@code baton serve --demo}: fills the {@code default} tenant, stands in for
 * Slack and Jira with a recording sandbox served by Baton itself, and sends signed webhook traffic
 * to Baton's own hooks. Nothing here exists unless the demo is on.
 */
@NullMarked
package dev.baton.demo;

import org.jspecify.annotations.NullMarked;
