/** Tenants, API tokens and their scopes, and how a request proves which tenant it acts in. */
@NullMarked
package dev.baton.tenant;

import org.jspecify.annotations.NullMarked;
