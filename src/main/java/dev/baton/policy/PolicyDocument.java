package dev.baton.policy;

import com.fasterxml.jackson.annotation.JsonProperty;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.stream.Stream;
import org.jspecify.annotations.Nullable;

/**
 * A routing policy as written in YAML ({@code apiVersion: baton.dev/v1, kind: RoutingPolicy}).
 * Absent lists and maps are empty, never null. Obtain a validated one from {@link PolicyParser}.
 */
public record PolicyDocument(String apiVersion, String kind, Metadata metadata, Spec spec) {

  /** {@code metadata}: the policy's name is its id. */
  public record Metadata(String name, @Nullable String description, Map<String, String> labels) {
    public Metadata {
      labels = Map.copyOf(Objects.requireNonNullElse(labels, Map.of()));
    }
  }

  /** {@code spec}. */
  public record Spec(
      List<Rule> rules,
      @Nullable Fallback fallback,
      List<TieBreaker> tieBreaker,
      @Nullable RolloutMode mode,
      Map<String, Double> capacityWeights,
      @Nullable String acceptWithin,
      @Nullable Sla sla,
      @Nullable Approvals approvals) {

    /** Used when the policy names no tie-breaker. */
    public static final List<TieBreaker> DEFAULT_TIE_BREAKER =
        List.of(TieBreaker.LOAD, TieBreaker.LAST_ASSIGNED_AT, TieBreaker.ID);

    public Spec {
      rules = List.copyOf(Objects.requireNonNullElse(rules, List.of()));
      tieBreaker = List.copyOf(Objects.requireNonNullElse(tieBreaker, List.of()));
      capacityWeights = Map.copyOf(Objects.requireNonNullElse(capacityWeights, Map.of()));
    }

    /** The tie-breaker as written, or the default, always ending with {@code id}. */
    public List<TieBreaker> effectiveTieBreaker() {
      List<TieBreaker> written = tieBreaker.isEmpty() ? DEFAULT_TIE_BREAKER : tieBreaker;
      return written.contains(TieBreaker.ID)
          ? written
          : Stream.concat(written.stream(), Stream.of(TieBreaker.ID)).toList();
    }

    /**
     * How long a person offered work under {@code rule} has to accept it: the rule's {@code
     * acceptWithin}, else the policy's; null when neither says (then no one waits).
     */
    public java.time.@Nullable Duration acceptWithin(@Nullable String rule) {
      String written =
          rules.stream()
              .filter(r -> r.name().equals(rule) && r.acceptWithin() != null)
              .map(Rule::acceptWithin)
              .findFirst()
              .orElse(acceptWithin);
      return written == null ? null : java.time.Duration.parse(written);
    }

    /** The rollout mode; {@code on} when not written. */
    public RolloutMode effectiveMode() {
      return mode == null ? RolloutMode.ON : mode;
    }
  }

  /**
   * One rule. A rule without {@code when} always matches; a rule without {@code assign} only adds
   * its notify targets and escalation (useful with {@code continue}). A rule with {@code reclaim}
   * takes overridden work back: when a person overrides the owner of an item this rule decides for,
   * the item is routed again by the rule. {@code acceptWithin} (an ISO 8601 duration such as {@code
   * PT15M}) is how long a person offered work by this rule has to accept it before it moves on.
   */
  public record Rule(
      String name,
      @Nullable String description,
      @Nullable String when,
      @Nullable Assign assign,
      @JsonProperty("continue") boolean continueMatching,
      @Nullable String escalation,
      @JsonProperty("notify") Map<String, Object> notifyTargets,
      boolean reclaim,
      @Nullable String acceptWithin) {

    public Rule {
      notifyTargets = ordered(notifyTargets);
    }
  }

  /**
   * Where a rule sends work: exactly one of person, queue, team, schedule, fromItem or function (a
   * registered decision function that answers the target).
   */
  public record Assign(
      @Nullable String person,
      @Nullable String queue,
      @Nullable String team,
      @Nullable String schedule,
      @Nullable FromItem fromItem,
      @Nullable String function,
      @Nullable Strategy strategy,
      List<String> requireSkills,
      @Nullable String score,
      @Nullable String relatedItem,
      @Nullable Strategy otherwise) {

    public Assign {
      requireSkills = List.copyOf(Objects.requireNonNullElse(requireSkills, List.of()));
    }

    /**
     * The strategy that picks a team member: as written, else {@code score} when a score expression
     * is given, else {@code least-loaded}.
     */
    public Strategy effectiveStrategy() {
      if (strategy != null) {
        return strategy;
      }
      return score != null ? Strategy.SCORE : Strategy.LEAST_LOADED;
    }

    /** How many of the exclusive targets are set; a valid assign has exactly one. */
    long targetCount() {
      return Stream.of(person, queue, team, schedule, fromItem, function)
          .filter(Objects::nonNull)
          .count();
    }
  }

  /**
   * A dynamic route: the owner is read from the item, e.g. a component owner mapping.
   *
   * @param field dotted path into the item, e.g. {@code component}
   * @param map item value to owner ({@code person:<id>}, {@code queue:<id>}, {@code team:<id>} or a
   *     bare person id); without a map the value itself is the owner
   * @param fallbackOwner used when the field is absent or not in the map
   */
  public record FromItem(
      String field,
      Map<String, String> map,
      @JsonProperty("default") @Nullable String fallbackOwner) {
    public FromItem {
      map = ordered(map);
    }
  }

  /**
   * {@code spec.sla}: service-level targets. The first target matching the item's priority (and its
   * team and type where the target names them) applies.
   *
   * @param atRisk the share of a target after which the work is at risk (default 0.8)
   * @param calendar the working hours targets with {@code businessHours: true} count in
   * @param escalation an escalation policy started when a target is breached
   */
  public record Sla(
      @Nullable Double atRisk,
      @Nullable Calendar calendar,
      List<SlaTarget> targets,
      @Nullable String escalation) {

    public static final double DEFAULT_AT_RISK = 0.8;

    public Sla {
      targets = List.copyOf(Objects.requireNonNullElse(targets, List.of()));
    }

    public double effectiveAtRisk() {
      return atRisk == null ? DEFAULT_AT_RISK : atRisk;
    }
  }

  /**
   * Working hours: {@code from}-{@code to} (HH:mm) on {@code days} (MON..SUN) in {@code timeZone}.
   */
  public record Calendar(String timeZone, List<String> days, String from, String to) {
    public Calendar {
      days = List.copyOf(Objects.requireNonNullElse(days, List.of()));
    }
  }

  /**
   * One SLA target: time to accept and/or time to resolve (ISO 8601 durations), counted in wall
   * clock time or, with {@code businessHours: true}, in the SLA's calendar.
   */
  public record SlaTarget(
      String priority,
      @Nullable String team,
      @Nullable String type,
      @Nullable String accept,
      @Nullable String resolve,
      @Nullable Boolean businessHours) {}

  /**
   * {@code spec.approvals}: actions that wait for an approver. Absent lists take the defaults: the
   * rule {@link Approval#DEFAULT} and the leads of the team holding the work as approvers.
   *
   * @param timeout how long a request waits (ISO 8601), default {@code PT24H}
   * @param onTimeout {@code deny} (default) or {@code approve}
   */
  public record Approvals(
      List<Approval> required,
      List<String> approvers,
      @Nullable String timeout,
      @Nullable String onTimeout) {

    public Approvals {
      required = List.copyOf(Objects.requireNonNullElse(required, List.of()));
      approvers = List.copyOf(Objects.requireNonNullElse(approvers, List.of()));
    }

    /** The rules as written, or the default one. */
    public List<Approval> effectiveRequired() {
      return required.isEmpty() ? List.of(Approval.DEFAULT) : required;
    }

    public java.time.Duration effectiveTimeout() {
      return java.time.Duration.parse(timeout == null ? "PT24H" : timeout);
    }

    /** Whether a request pending at its timeout is approved (else it is denied). */
    public boolean approveOnTimeout() {
      return "approve".equals(onTimeout);
    }
  }

  /**
   * One action that needs approval: {@code action} in one of {@code states} (default IN_PROGRESS
   * and BLOCKED), and with {@code otherTeamOnly} only when its target is outside every team holding
   * the work (default true for reassign and override).
   */
  public record Approval(String action, List<String> states, @Nullable Boolean otherTeamOnly) {

    /** Reassigning IN_PROGRESS or BLOCKED work to an owner in another team. */
    public static final Approval DEFAULT = new Approval("reassign", List.of(), null);

    public Approval {
      states = List.copyOf(Objects.requireNonNullElse(states, List.of()));
    }

    public List<String> effectiveStates() {
      return states.isEmpty() ? List.of("IN_PROGRESS", "BLOCKED") : states;
    }

    public boolean effectiveOtherTeamOnly() {
      return otherTeamOnly != null
          ? otherTeamOnly
          : action.equals("reassign") || action.equals("override");
    }
  }

  /** {@code spec.fallback}: where work goes when no rule finds an owner. */
  public record Fallback(String queue) {}

  // Written order is kept so decisions list notify targets as the author wrote them.
  private static <V> Map<String, V> ordered(@Nullable Map<String, V> map) {
    return map == null ? Map.of() : Collections.unmodifiableMap(new LinkedHashMap<>(map));
  }
}
