/**
 * The web console: server-rendered pages (Thymeleaf, htmx served from its webjar) over the other
 * modules' public APIs, with password sign-in and roles for console users.
 */
@NullMarked
package dev.baton.console;

import org.jspecify.annotations.NullMarked;
