/** Inbound webhooks: verification per provider, parsing of vendor payloads, the inbox. */
@NullMarked
package dev.baton.ingest;

import org.jspecify.annotations.NullMarked;
