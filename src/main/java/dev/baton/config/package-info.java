/** Configuration as code: multi-document YAML of every kind, applied idempotently. */
@NullMarked
package dev.baton.config;

import org.jspecify.annotations.NullMarked;
