package dev.baton.roster;

import dev.baton.platform.BatonException;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.time.Instant;
import org.springframework.dao.DuplicateKeyException;

/** Row mapping and constraint translation shared by the roster's stores. */
final class RosterRows {

  private RosterRows() {}

  static Instant instant(ResultSet rs, String column) throws SQLException {
    return rs.getTimestamp(column).toInstant();
  }

  static Timestamp ts(Instant instant) {
    return Timestamp.from(instant);
  }

  static Person person(ResultSet rs, int row) throws SQLException {
    return new Person(
        rs.getString("id"),
        rs.getString("display_name"),
        rs.getString("email"),
        rs.getString("time_zone"),
        new Person.Identities(
            rs.getString("slack_user_id"),
            rs.getString("jira_account_id"),
            rs.getString("github_login"),
            rs.getString("gitlab_login")),
        rs.getBoolean("active"),
        PersonDetails.readSkills(rs.getString("skills")),
        PersonDetails.read(rs.getString("capacity"), Person.Capacity.class),
        PersonDetails.read(rs.getString("working_hours"), Person.WorkingHours.class),
        rs.getInt("version"),
        instant(rs, "created_at"),
        instant(rs, "updated_at"));
  }

  static Queue queue(ResultSet rs, int row) throws SQLException {
    return new Queue(
        rs.getString("id"),
        rs.getString("display_name"),
        rs.getString("team_id"),
        rs.getInt("version"),
        instant(rs, "created_at"),
        instant(rs, "updated_at"));
  }

  /** Says which unique field clashed, from the index that refused the row. */
  static BatonException.Conflict duplicate(DuplicateKeyException e, String kind, String id) {
    String message = String.valueOf(e.getMostSpecificCause().getMessage());
    String field =
        message.contains("people_slack")
            ? "identities.slack"
            : message.contains("people_jira")
                ? "identities.jira"
                : message.contains("people_github")
                    ? "identities.github"
                    : message.contains("people_gitlab")
                        ? "identities.gitlab"
                        : message.contains("people_email") ? "email" : "id";
    if ("id".equals(field)) {
      return new BatonException.Conflict(kind + " '" + id + "' already exists");
    }
    return new BatonException.Conflict(
        "another " + kind + " already has this " + field, java.util.Map.of("field", field));
  }
}
