package dev.baton.ingest;

import dev.baton.platform.BatonException;
import java.util.Arrays;
import java.util.stream.Collectors;
import org.jspecify.annotations.NullMarked;

/** The kinds of sender an integration can be; each proves authenticity its own way. */
@NullMarked
public enum Provider {
  GITHUB("github"),
  GITLAB("gitlab"),
  JIRA("jira"),
  SLACK("slack"),
  PAGERDUTY("pagerduty"),
  ALERTMANAGER("alertmanager"),
  STANDARD_WEBHOOKS("standard-webhooks"),
  GENERIC("generic");

  private final String wireName;

  Provider(String wireName) {
    this.wireName = wireName;
  }

  /** The lowercase name used in configuration and the API. */
  public String wireName() {
    return wireName;
  }

  /** The provider with this wire name; anything else is refused with the allowed names. */
  public static Provider parse(String wireName) {
    for (Provider provider : values()) {
      if (provider.wireName.equals(wireName)) {
        return provider;
      }
    }
    throw new BatonException.InvalidInput(
        "provider", "'" + wireName + "' is not one of " + allowed());
  }

  private static String allowed() {
    return Arrays.stream(values()).map(Provider::wireName).collect(Collectors.joining(", "));
  }

  @Override
  public String toString() {
    return wireName;
  }
}
