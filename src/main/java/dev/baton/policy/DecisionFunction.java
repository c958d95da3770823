package dev.baton.policy;

import java.time.Instant;
import java.util.List;
import org.jspecify.annotations.Nullable;

/**
 * A registered decision function as listed: never its signing secret.
 *
 * @param id the slug a rule names ({@code assign: { function: <id> }})
 * @param url where Baton POSTs the item's declared fields (https; plain http only to loopback when
 *     allowed)
 * @param fields the item fields the function receives, as dotted paths ({@code priority}, {@code
 *     customer.tier}, {@code attributes.account})
 * @param timeoutMs how long one call may take, connect and answer together
 * @param secretUpdatedAt when the signing secret was set last (creation or rotation)
 */
public record DecisionFunction(
    String id,
    String url,
    List<String> fields,
    int timeoutMs,
    @Nullable String description,
    int version,
    Instant secretUpdatedAt,
    Instant createdAt,
    Instant updatedAt) {

  public DecisionFunction {
    fields = List.copyOf(fields);
  }
}
