package dev.baton.policy;

import org.jspecify.annotations.Nullable;

/**
 * One rule with its CEL compiled.
 *
 * @param index position in {@code spec.rules}, from 0
 * @param when null when the rule has no condition (it always matches)
 * @param score null unless the rule's assign has a {@code score} expression
 */
public record CompiledRule(
    PolicyDocument.Rule rule, int index, @Nullable CelCondition when, @Nullable CelScore score) {

  public String name() {
    return rule.name();
  }
}
