/** Routing policy documents: YAML parsing, schema and semantic validation, compiled CEL. */
@NullMarked
package dev.baton.policy;

import org.jspecify.annotations.NullMarked;
