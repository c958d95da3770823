package dev.baton.policy;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.jspecify.annotations.Nullable;

/**
 * A cheap first look at a condition: when it is a conjunction ({@code a && b && ...}) and one of
 * its parts is {@code item.<field> == "text"} or {@code item.<field> in ["a", "b"]}, an item whose
 * field holds other text cannot match, whatever the other parts say (CEL's {@code &&} is false when
 * any side is false, even if another side fails). Such items are answered without running CEL;
 * every other case, including a missing field or one that is not text, is left to CEL, so results
 * and recorded errors are exactly CEL's.
 */
final class CelPrefilter {

  private static final Pattern EQUALS =
      Pattern.compile(
          "item\\.([A-Za-z_][A-Za-z0-9_]*(?:\\.[A-Za-z_][A-Za-z0-9_]*)*)\\s*==\\s*\"([^\"\\\\]*)\"");
  private static final Pattern IN =
      Pattern.compile(
          "item\\.([A-Za-z_][A-Za-z0-9_]*(?:\\.[A-Za-z_][A-Za-z0-9_]*)*)\\s+in\\s+\\[\\s*(\"[^\"\\\\]*\"(?:\\s*,\\s*\"[^\"\\\\]*\")*)\\s*\\]");
  private static final Pattern LITERAL = Pattern.compile("\"([^\"\\\\]*)\"");

  /** A part that must hold: the field at {@code path} is one of {@code allowed}. */
  private record Check(String[] path, Set<String> allowed) {}

  // an array: this runs for every rule of every decision, and a list's iterator is garbage
  private final Check[] checks;

  private CelPrefilter(List<Check> checks) {
    this.checks = checks.toArray(Check[]::new);
  }

  /** The prefilter of an expression; one that never decides when nothing applies. */
  static CelPrefilter of(String expression) {
    List<String> parts = conjuncts(expression);
    List<Check> checks = new ArrayList<>();
    for (String part : parts) {
      Matcher eq = EQUALS.matcher(part);
      if (eq.matches()) {
        checks.add(new Check(path(eq.group(1)), Set.of(eq.group(2))));
        continue;
      }
      Matcher in = IN.matcher(part);
      if (in.matches()) {
        Set<String> allowed = new java.util.HashSet<>();
        Matcher lit = LITERAL.matcher(in.group(2));
        while (lit.find()) {
          allowed.add(lit.group(1));
        }
        checks.add(new Check(path(in.group(1)), Set.copyOf(allowed)));
      }
    }
    return new CelPrefilter(checks);
  }

  // interned: item keys usually are (Jackson interns field names), so map lookups hit on identity
  private static String[] path(String dotted) {
    String[] steps = dotted.split("\\.");
    for (int i = 0; i < steps.length; i++) {
      steps[i] = steps[i].intern();
    }
    return steps;
  }

  /** True when the item certainly does not match; false means "ask CEL". */
  boolean certainlyFalse(ItemFacts item) {
    for (Check check : checks) {
      Object value = at(item.values(), check.path());
      if (value instanceof String text && !check.allowed().contains(text)) {
        return true;
      }
    }
    return false;
  }

  private static @Nullable Object at(Map<String, Object> values, String[] path) {
    Object current = values;
    for (String step : path) {
      if (!(current instanceof Map<?, ?> map)) {
        return null;
      }
      current = map.get(step);
    }
    return current;
  }

  /**
   * The top-level {@code &&} parts of an expression, or an empty list when the expression is not a
   * plain conjunction (a top-level {@code ||} or {@code ?:}, or text we do not follow).
   */
  static List<String> conjuncts(String expression) {
    List<String> parts = new ArrayList<>();
    int depth = 0;
    boolean quoted = false;
    int start = 0;
    for (int i = 0; i < expression.length(); i++) {
      char c = expression.charAt(i);
      if (quoted) {
        if (c == '\\') {
          i++;
        } else if (c == '"') {
          quoted = false;
        }
        continue;
      }
      switch (c) {
        case '"' -> quoted = true;
        case '\'' -> {
          return List.of();
        }
        case '(', '[', '{' -> depth++;
        case ')', ']', '}' -> depth--;
        case '?' -> {
          if (depth == 0) {
            return List.of();
          }
        }
        case '|' -> {
          if (depth == 0) {
            return List.of();
          }
        }
        case '&' -> {
          if (depth == 0 && i + 1 < expression.length() && expression.charAt(i + 1) == '&') {
            parts.add(expression.substring(start, i).trim());
            start = i + 2;
            i++;
          }
        }
        default -> {}
      }
    }
    if (quoted || depth != 0) {
      return List.of();
    }
    parts.add(expression.substring(start).trim());
    return parts;
  }
}
