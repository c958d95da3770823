package dev.baton.bench;

import java.time.Instant;
import java.util.List;
import java.util.stream.IntStream;

/**
 * The shape of the organisation the routing benchmark routes for: 25 teams of 20 people, three
 * components and one skill per team, 20 on-call schedules. Everything derived from it is generated
 * from {@link #SEED}, so every run routes the same items over the same roster.
 */
final class SyntheticOrg {

  static final long SEED = 20_260_106L;

  /**
   * Tuesday 2026-01-06 14:00 UTC: inside office hours in London, Berlin and New York, before them
   * in Los Angeles, after them in Kolkata, and inside a night shift in Tokyo and Sydney.
   */
  static final Instant AT = Instant.parse("2026-01-06T14:00:00Z");

  /** Team ids; each team's main skill has the same name (CEL reads it as a map key). */
  static final List<String> TEAMS =
      List.of(
          "payments",
          "billing",
          "checkout",
          "search",
          "catalog",
          "mobile",
          "web",
          "identity",
          "notifications",
          "messaging",
          "data",
          "analytics",
          "infra",
          "network",
          "storage",
          "security",
          "compliance",
          "tooling",
          "growth",
          "ads",
          "recommendations",
          "maps",
          "media",
          "platform",
          "devex");

  static final int PEOPLE_PER_TEAM = 20;

  static final int SCHEDULES = 20;

  /** Skills anyone may have besides their team's. */
  static final List<String> GENERAL_SKILLS =
      List.of(
          "java",
          "kotlin",
          "go",
          "python",
          "typescript",
          "sql",
          "kubernetes",
          "terraform",
          "react",
          "swift");

  static final List<String> TIME_ZONES =
      List.of(
          "Europe/Berlin",
          "Europe/London",
          "America/New_York",
          "America/Los_Angeles",
          "Asia/Kolkata",
          "Asia/Tokyo",
          "Australia/Sydney");

  /** Components no rule names: items about them end in the fallback queue. */
  static final List<String> UNOWNED_COMPONENTS =
      List.of("legacy-portal", "docs-site", "marketing-site", "status-page");

  static final String FALLBACK_QUEUE = "triage";

  private SyntheticOrg() {}

  static List<String> components(String team) {
    return List.of(team + "-api", team + "-ui", team + "-worker");
  }

  static String person(String team, int member) {
    return "%s-%02d".formatted(team, member);
  }

  static String schedule(int index) {
    return "oncall-%02d".formatted(index);
  }

  static List<String> schedules() {
    return IntStream.range(0, SCHEDULES).mapToObj(SyntheticOrg::schedule).toList();
  }

  static String supportQueue(String team) {
    return team + "-support";
  }
}
