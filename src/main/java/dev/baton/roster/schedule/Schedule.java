package dev.baton.roster.schedule;

import dev.baton.platform.Validation;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * An on-call schedule: layers of rotations computed in one time zone, and overrides on top.
 * Constructing one checks everything and throws {@code BatonException.InvalidInput} naming each bad
 * field by its path, so a schedule that exists is always computable.
 *
 * @param id the schedule's name ({@code metadata.name})
 * @param rotations the layers, lowest first: where a later layer has someone on call, it wins
 * @param overrides on top of every layer; where two overlap, the later one in this list wins
 */
public record Schedule(
    String id, ZoneId zone, List<Rotation> rotations, List<ScheduleOverride> overrides) {

  public Schedule {
    check(id, zone, rotations, overrides);
    rotations = List.copyOf(rotations);
    overrides = List.copyOf(overrides);
  }

  public Schedule(String id, ZoneId zone, List<Rotation> rotations) {
    this(id, zone, rotations, List.of());
  }

  /** The same schedule with more overrides after the existing ones (so they win over them). */
  public Schedule withOverrides(List<ScheduleOverride> more) {
    List<ScheduleOverride> all = new ArrayList<>(overrides);
    all.addAll(more);
    return new Schedule(id, zone, rotations, all);
  }

  @SuppressWarnings("ConstantConditions") // values may come from a binder that ignores @NullMarked
  private static void check(
      String id, ZoneId zone, List<Rotation> rotations, List<ScheduleOverride> overrides) {
    Validation v = new Validation();
    v.require(id, "id").slug(id, "id").require(zone, "timeZone");
    v.when(rotations == null || rotations.isEmpty(), "rotations", "must have at least one");
    Map<String, Integer> names = new HashMap<>();
    for (int i = 0; rotations != null && i < rotations.size(); i++) {
      Rotation r = rotations.get(i);
      String path = "rotations[" + i + "]";
      v.require(r, path);
      if (r == null) {
        continue;
      }
      r.check(v, path + ".");
      Integer first = r.name() == null ? null : names.putIfAbsent(r.name(), i);
      v.when(
          first != null,
          path + ".name",
          "duplicates rotations[" + first + "].name '" + r.name() + "'");
    }
    for (int i = 0; overrides != null && i < overrides.size(); i++) {
      ScheduleOverride o = overrides.get(i);
      v.require(o, "overrides[" + i + "]");
      if (o != null) {
        o.check(v, "overrides[" + i + "].");
      }
    }
    v.when(overrides == null, "overrides", "is required (may be empty)");
    v.check();
  }
}
