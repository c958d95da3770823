package dev.baton.roster;

import dev.baton.platform.Validation;
import java.time.LocalTime;
import java.time.format.DateTimeParseException;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import org.jspecify.annotations.Nullable;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * The routing details of a person (skills, capacity, working hours): validated from what a caller
 * writes and stored as small JSON documents.
 */
final class PersonDetails {

  static final JsonMapper JSON = JsonMapper.builder().build();
  static final List<String> DAYS = List.of("MON", "TUE", "WED", "THU", "FRI", "SAT", "SUN");
  private static final Set<String> PRIORITIES = Set.of("P1", "P2", "P3", "P4", "P5");
  static final int MAX_SKILLS = 100;
  static final int MAX_LEVEL = 10;

  private PersonDetails() {}

  /** Skills as written: {@code ["a", "b"]} (level 1 each) or {@code {"a": 3}}. */
  static Map<String, Integer> skills(@Nullable JsonNode node, Validation v) {
    Map<String, Integer> skills = new TreeMap<>();
    if (node == null || node.isNull()) {
      return skills;
    }
    if (node.isArray()) {
      for (int i = 0; i < node.size(); i++) {
        JsonNode name = node.get(i);
        if (!name.isString() || !Validation.isSlug(name.asString())) {
          v.add("skills[" + i + "]", "must be a skill name (lowercase letters, digits, . _ -)");
        } else {
          skills.put(name.asString(), 1);
        }
      }
    } else if (node.isObject()) {
      for (Map.Entry<String, JsonNode> e : node.properties()) {
        String field = "skills." + e.getKey();
        if (!Validation.isSlug(e.getKey())) {
          v.add(field, "must be a skill name (lowercase letters, digits, . _ -)");
        } else if (!e.getValue().isIntegralNumber()
            || e.getValue().asInt() < 1
            || e.getValue().asInt() > MAX_LEVEL) {
          v.add(field, "the level must be a whole number from 1 to " + MAX_LEVEL);
        } else {
          skills.put(e.getKey(), e.getValue().asInt());
        }
      }
    } else {
      v.add("skills", "must be a list of names or an object of name to level");
    }
    v.when(skills.size() > MAX_SKILLS, "skills", "at most " + MAX_SKILLS + " skills");
    return skills;
  }

  static void capacity(Person.@Nullable Capacity capacity, Validation v) {
    if (capacity == null) {
      return;
    }
    v.when(
        capacity.maxOpen() != null && (capacity.maxOpen() < 0 || capacity.maxOpen() > 10_000),
        "capacity.maxOpen",
        "must be from 0 to 10000");
    if (capacity.perPriority() != null) {
      for (Map.Entry<String, Integer> e : capacity.perPriority().entrySet()) {
        v.when(
            !PRIORITIES.contains(e.getKey()),
            "capacity.perPriority",
            "'" + e.getKey() + "' is not a priority (P1-P5)");
        v.when(
            e.getValue() == null || e.getValue() < 0,
            "capacity.perPriority." + e.getKey(),
            "must be zero or more");
      }
    }
  }

  static void workingHours(Person.@Nullable WorkingHours hours, Validation v) {
    if (hours == null) {
      return;
    }
    v.when(
        hours.days() == null || hours.days().isEmpty(),
        "workingHours.days",
        "at least one day, MON to SUN");
    if (hours.days() != null) {
      for (String day : hours.days()) {
        v.when(!DAYS.contains(day), "workingHours.days", "'" + day + "' is not one of " + DAYS);
      }
    }
    LocalTime from = time(hours.from(), "workingHours.from", v);
    LocalTime to = time(hours.to(), "workingHours.to", v);
    v.when(
        from != null && from.equals(to), "workingHours.to", "must differ from workingHours.from");
  }

  private static @Nullable LocalTime time(@Nullable String text, String field, Validation v) {
    if (text == null) {
      v.add(field, "is required, as HH:mm");
      return null;
    }
    try {
      return LocalTime.parse(text);
    } catch (DateTimeParseException e) {
      v.add(field, "must be a time as HH:mm");
      return null;
    }
  }

  static @Nullable String write(@Nullable Object value) {
    return value == null ? null : JSON.writeValueAsString(value);
  }

  static Map<String, Integer> readSkills(String json) {
    Map<String, Integer> skills = new LinkedHashMap<>();
    Iterator<Map.Entry<String, JsonNode>> it = JSON.readTree(json).properties().iterator();
    while (it.hasNext()) {
      Map.Entry<String, JsonNode> e = it.next();
      skills.put(e.getKey(), e.getValue().asInt());
    }
    return skills;
  }

  static <T> @Nullable T read(@Nullable String json, Class<T> type) {
    return json == null ? null : JSON.readValue(json, type);
  }
}
