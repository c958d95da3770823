/** Inbound webhooks: integrations, verification per provider, the inbox and its worker, parsing. */
@NullMarked
package dev.baton.ingest;

import org.jspecify.annotations.NullMarked;
