package dev.baton.escalation;

import java.time.Duration;
import java.time.Instant;
import java.util.List;
import org.jspecify.annotations.Nullable;

/**
 * An escalation policy ({@code kind: EscalationPolicy}): ordered steps run one after another while
 * the work stays unaccepted, the whole chain run {@code repeat} more times after the last step.
 *
 * @param version counts the replacements, from 1
 */
public record EscalationPolicy(
    String name,
    @Nullable String description,
    List<Step> steps,
    int repeat,
    int version,
    Instant createdAt,
    Instant updatedAt) {

  public EscalationPolicy {
    steps = List.copyOf(steps);
  }

  /**
   * One step: {@code after} the previous step (or the start of the chain), reach the targets.
   *
   * @param action {@code notify} (tell the targets, the owner stays) or {@code reassign} (offer the
   *     work to the first target that resolves to someone other than the current owner)
   * @param acknowledgers for {@code notify}: how many distinct notified people must acknowledge
   *     before the chain stops (default 1)
   */
  public record Step(Duration after, Action action, List<Target> targets, int acknowledgers) {
    public Step {
      targets = List.copyOf(targets);
    }

    public Step(Duration after, Action action, List<Target> targets) {
      this(after, action, targets, 1);
    }
  }

  /** What a step does. */
  public enum Action {
    NOTIFY,
    REASSIGN;

    public String wireName() {
      return name().toLowerCase(java.util.Locale.ROOT);
    }
  }

  /**
   * Who a step reaches: exactly one of a person, the on-call of a schedule at the step's time, the
   * leads of a team, or the next candidate of the routing decision that offered the work.
   */
  public record Target(
      @Nullable String person,
      @Nullable String schedule,
      @Nullable String teamLead,
      @Nullable Boolean nextCandidate) {

    @Override
    public String toString() {
      if (person != null) {
        return "person:" + person;
      }
      if (schedule != null) {
        return "schedule:" + schedule;
      }
      if (teamLead != null) {
        return "teamLead:" + teamLead;
      }
      return "nextCandidate";
    }
  }
}
