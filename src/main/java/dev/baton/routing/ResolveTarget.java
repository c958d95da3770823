package dev.baton.routing;

import dev.baton.policy.CompiledRule;
import dev.baton.policy.PolicyDocument;
import java.util.List;
import java.util.Optional;
import org.jspecify.annotations.Nullable;

/**
 * Turns a matched rule's {@code assign} (or its decision function's answer) into an owner, or says
 * why the rule falls through.
 */
final class ResolveTarget {

  private final RoutingContext context;

  ResolveTarget(RoutingContext context) {
    this.context = context;
  }

  Resolution resolve(CompiledRule rule, PolicyDocument.Assign assign) {
    if (assign.person() != null) {
      return person(rule, assign.person());
    }
    if (assign.queue() != null) {
      return queue(assign.queue());
    }
    if (assign.team() != null) {
      return new PickFromTeam(context).pick(rule, assign, assign.team());
    }
    if (assign.schedule() != null) {
      return onCall(rule, assign.schedule());
    }
    PolicyDocument.FromItem from = assign.fromItem();
    return from == null
        ? Resolution.fallThrough("no target", List.of())
        : fromItem(rule, assign, from);
  }

  /**
   * Why a function's answer cannot be used: its own error, or a target the roster does not know;
   * null when it can.
   */
  @Nullable String failure(FunctionAnswer answer) {
    String owner = answer.owner();
    if (owner == null) {
      return java.util.Objects.requireNonNullElse(answer.error(), "no answer");
    }
    int colon = owner.indexOf(':');
    String kind = colon < 0 ? "" : owner.substring(0, colon);
    String id = owner.substring(colon + 1);
    boolean known =
        switch (kind) {
          case "person" -> context.roster().people().containsKey(id);
          case "queue" -> context.roster().queues().containsKey(id);
          case "team" -> context.roster().teams().containsKey(id);
          default -> false;
        };
    return known ? null : "answered an unknown " + (kind.isEmpty() ? "target" : kind) + " " + id;
  }

  /** The target a function answered, resolved like a written one and explained by its reason. */
  Resolution answered(CompiledRule rule, PolicyDocument.Assign assign, FunctionAnswer answer) {
    String owner = java.util.Objects.requireNonNull(answer.owner(), "a usable answer");
    return target(rule, assign, owner)
        .prefixed(
            "function " + answer.function() + " answered " + owner + " (" + answer.reason() + ")");
  }

  private Resolution person(CompiledRule rule, String id) {
    List<String> reasons =
        context.eligibility().forWork(id, context.roster().people().get(id), List.of());
    if (!reasons.isEmpty()) {
      return Resolution.fallThrough(
          "person " + id + " is not eligible",
          List.of(new Decision.Rejection(rule.name(), id, reasons)));
    }
    return Resolution.person(id, "direct", "assigned directly to " + id);
  }

  private Resolution queue(String id) {
    if (!context.roster().queues().containsKey(id)) {
      return Resolution.fallThrough("unknown queue " + id, List.of());
    }
    return Resolution.queue(id, "queued to " + id);
  }

  private Resolution onCall(CompiledRule rule, String schedule) {
    Optional<String> who = context.roster().onCall().getOrDefault(schedule, Optional.empty());
    if (who.isEmpty()) {
      return Resolution.fallThrough("nobody is on call for " + schedule, List.of());
    }
    String id = who.get();
    List<String> reasons = context.eligibility().forOnCall(id, context.roster().people().get(id));
    if (!reasons.isEmpty()) {
      return Resolution.fallThrough(
          "on-call " + id + " for " + schedule + " is not available",
          List.of(new Decision.Rejection(rule.name(), id, reasons)));
    }
    return Resolution.person(id, "on-call", id + " is on call for " + schedule);
  }

  private Resolution fromItem(
      CompiledRule rule, PolicyDocument.Assign assign, PolicyDocument.FromItem from) {
    Optional<String> value = context.item().text(from.field());
    Optional<String> mapped = from.map().isEmpty() ? value : value.map(v -> from.map().get(v));
    String owner = mapped.orElse(from.fallbackOwner());
    if (owner == null) {
      return Resolution.fallThrough(
          value.isEmpty()
              ? "the item has no " + from.field()
              : "no owner is mapped for " + from.field() + " " + value.get(),
          List.of());
    }
    String clause =
        mapped.isPresent()
            ? from.field() + " " + value.orElse("") + " maps to " + owner
            : "the default owner " + owner + " applies";
    return target(rule, assign, owner).prefixed(clause);
  }

  private Resolution target(CompiledRule rule, PolicyDocument.Assign assign, String owner) {
    int colon = owner.indexOf(':');
    String kind = colon < 0 ? "person" : owner.substring(0, colon);
    String id = owner.substring(colon + 1);
    return switch (kind) {
      case "queue" -> queue(id);
      case "team" -> new PickFromTeam(context).pick(rule, assign, id);
      default -> person(rule, id);
    };
  }
}
