package dev.baton.config;

import dev.baton.platform.BatonException;
import dev.baton.platform.Caller;
import dev.baton.roster.People;
import dev.baton.roster.Person;
import dev.baton.roster.Queues;
import dev.baton.roster.RotationSpec;
import dev.baton.roster.Schedules;
import dev.baton.roster.Teams;
import dev.baton.tenant.Scopes;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.jspecify.annotations.Nullable;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import tools.jackson.core.JacksonException;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.exc.UnrecognizedPropertyException;
import tools.jackson.databind.json.JsonMapper;

/** The roster's kinds: {@code Person}, {@code Team}, {@code Queue} and {@code Schedule}. */
@Configuration(proxyBeanMethods = false)
class RosterKinds {

  /** {@code kind: Person} spec, as in DESIGN.md section 8. */
  record PersonSpec(
      @Nullable String displayName,
      @Nullable String email,
      @Nullable String timeZone,
      Person.@Nullable Identities identities,
      @Nullable Boolean active,
      @Nullable JsonNode skills,
      Person.@Nullable Capacity capacity,
      Person.@Nullable WorkingHours workingHours) {}

  /** {@code kind: Team} spec. */
  record TeamSpec(
      @Nullable String displayName,
      @Nullable List<String> members,
      @Nullable List<String> leads,
      @Nullable String mode) {}

  /** {@code kind: Queue} spec. */
  record QueueSpec(@Nullable String displayName, @Nullable String team) {}

  @Bean
  ConfigKind personKind(People people, JsonMapper json) {
    return kind(
        "Person",
        10,
        (caller, doc) -> {
          PersonSpec spec = read(json, doc, PersonSpec.class);
          People.Saved saved =
              people.put(
                  caller.tenantId(),
                  doc.name(),
                  new People.Request(
                      doc.name(),
                      spec.displayName() == null ? doc.name() : spec.displayName(),
                      spec.email(),
                      spec.timeZone(),
                      spec.identities(),
                      spec.active(),
                      spec.skills(),
                      spec.capacity(),
                      spec.workingHours()),
                  caller.actor(),
                  "config");
          return ConfigKind.outcome(saved.created(), saved.changed());
        },
        tenant ->
            people.all(tenant).stream()
                .map(
                    p -> {
                      Map<String, Object> spec = new LinkedHashMap<>();
                      spec.put("displayName", p.name());
                      putIfSet(spec, "email", p.email());
                      spec.put("timeZone", p.timeZone());
                      Map<String, Object> ids = new LinkedHashMap<>();
                      putIfSet(ids, "slack", p.identities().slack());
                      putIfSet(ids, "jira", p.identities().jira());
                      putIfSet(ids, "github", p.identities().github());
                      putIfSet(ids, "gitlab", p.identities().gitlab());
                      if (!ids.isEmpty()) {
                        spec.put("identities", ids);
                      }
                      if (!p.active()) {
                        spec.put("active", false);
                      }
                      if (!p.skills().isEmpty()) {
                        spec.put("skills", p.skills());
                      }
                      putIfSet(spec, "capacity", p.capacity());
                      putIfSet(spec, "workingHours", p.workingHours());
                      return ConfigKind.document("Person", p.id(), spec);
                    })
                .toList());
  }

  @Bean
  ConfigKind teamKind(Teams teams, JsonMapper json) {
    return kind(
        "Team",
        20,
        (caller, doc) -> {
          TeamSpec spec = read(json, doc, TeamSpec.class);
          Teams.Saved saved =
              teams.put(
                  caller.tenantId(),
                  doc.name(),
                  new Teams.Request(
                      doc.name(),
                      spec.displayName() == null ? doc.name() : spec.displayName(),
                      spec.members(),
                      spec.leads(),
                      spec.mode()),
                  caller.actor(),
                  "config");
          return ConfigKind.outcome(saved.created(), saved.changed());
        },
        tenant ->
            teams.all(tenant).stream()
                .map(
                    t -> {
                      Map<String, Object> spec = new LinkedHashMap<>();
                      spec.put("displayName", t.name());
                      spec.put("members", t.members());
                      spec.put("leads", t.leads());
                      if (!t.mode().equals("on")) {
                        spec.put("mode", t.mode());
                      }
                      return ConfigKind.document("Team", t.id(), spec);
                    })
                .toList());
  }

  @Bean
  ConfigKind queueKind(Queues queues, JsonMapper json) {
    return kind(
        "Queue",
        30,
        (caller, doc) -> {
          QueueSpec spec = read(json, doc, QueueSpec.class);
          Queues.Saved saved =
              queues.put(
                  caller.tenantId(),
                  doc.name(),
                  new Queues.Request(
                      doc.name(),
                      spec.displayName() == null ? doc.name() : spec.displayName(),
                      spec.team()),
                  caller.actor(),
                  "config");
          return ConfigKind.outcome(saved.created(), saved.changed());
        },
        tenant ->
            queues.all(tenant).stream()
                .map(
                    q -> {
                      Map<String, Object> spec = new LinkedHashMap<>();
                      spec.put("displayName", q.name());
                      spec.put("team", q.team());
                      return ConfigKind.document("Queue", q.id(), spec);
                    })
                .toList());
  }

  /** {@code kind: Schedule} spec, as in DESIGN.md section 8. */
  record ScheduleSpec(
      @Nullable String displayName,
      @Nullable String timeZone,
      @Nullable List<RotationSpec> rotations) {}

  @Bean
  ConfigKind scheduleKind(Schedules schedules, JsonMapper json) {
    return kind(
        "Schedule",
        40,
        (caller, doc) -> {
          ScheduleSpec spec = read(json, doc, ScheduleSpec.class);
          Schedules.Saved saved =
              schedules.put(
                  caller.tenantId(),
                  doc.name(),
                  new Schedules.Request(
                      doc.name(), spec.displayName(), spec.timeZone(), spec.rotations()),
                  caller.actor(),
                  "config");
          return ConfigKind.outcome(saved.created(), saved.changed());
        },
        tenant ->
            schedules.all(tenant).stream()
                .map(
                    sc -> {
                      Map<String, Object> spec = new LinkedHashMap<>();
                      spec.put("displayName", sc.name());
                      spec.put("timeZone", sc.timeZone());
                      spec.put("rotations", json.convertValue(sc.rotations(), List.class));
                      return ConfigKind.document("Schedule", sc.id(), spec);
                    })
                .toList());
  }

  private static void putIfSet(Map<String, Object> map, String key, @Nullable Object value) {
    if (value != null) {
      map.put(key, value);
    }
  }

  /** Reads a spec strictly: unknown or mistyped fields are refused naming the field. */
  static <T> T read(JsonMapper json, ConfigDocument doc, Class<T> type) {
    try {
      return json.treeToValue(doc.spec(), type);
    } catch (UnrecognizedPropertyException e) {
      throw new BatonException.InvalidInput(e.getPropertyName(), "unknown field");
    } catch (JacksonException e) {
      String field =
          e.getPath().isEmpty() || e.getPath().get(0).getPropertyName() == null
              ? "spec"
              : e.getPath().get(0).getPropertyName();
      throw new BatonException.InvalidInput(field, "has the wrong type or an invalid value");
    }
  }

  private interface Apply {
    String apply(Caller caller, ConfigDocument doc);
  }

  private interface Export {
    List<Map<String, Object>> export(String tenantId);
  }

  private static ConfigKind kind(String kind, int order, Apply apply, Export export) {
    return new ConfigKind() {
      @Override
      public String kind() {
        return kind;
      }

      @Override
      public int order() {
        return order;
      }

      @Override
      public String scope() {
        return Scopes.ROSTER_WRITE;
      }

      @Override
      public String readScope() {
        return Scopes.ROSTER_READ;
      }

      @Override
      public String apply(Caller caller, ConfigDocument document) {
        return apply.apply(caller, document);
      }

      @Override
      public List<Map<String, Object>> export(String tenantId) {
        return export.export(tenantId);
      }
    };
  }
}
