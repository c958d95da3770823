package dev.baton.ingest;

import dev.baton.platform.BatonException;
import java.util.List;

/** The payload parser for each provider an integration can name. */
public final class Parsers {

  /** The providers {@link #forProvider} knows, as integrations name them. */
  public static final List<String> PROVIDERS =
      List.of("github", "gitlab", "jira", "pagerduty", "alertmanager", "generic");

  private Parsers() {}

  /**
   * The parser for a provider; {@code generic} reads fields named as in {@link
   * GenericMapping#DEFAULT}. Use {@link #generic(GenericMapping)} for a sender with its own shape.
   *
   * @throws BatonException.InvalidInput for a provider not in {@link #PROVIDERS}
   */
  public static PayloadParser forProvider(String provider) {
    return switch (provider) {
      case GitHubParser.PROVIDER -> new GitHubParser();
      case GitLabParser.PROVIDER -> new GitLabParser();
      case JiraParser.PROVIDER -> new JiraParser();
      case PagerDutyParser.PROVIDER -> new PagerDutyParser();
      case AlertmanagerParser.PROVIDER -> new AlertmanagerParser();
      case GenericParser.PROVIDER -> generic(GenericMapping.DEFAULT);
      default ->
          throw new BatonException.InvalidInput(
              "provider", "unknown provider '" + provider + "'; use one of " + PROVIDERS);
    };
  }

  /** A parser for a generic JSON sender, reading each field where the mapping points. */
  public static PayloadParser generic(GenericMapping mapping) {
    return new GenericParser(mapping);
  }
}
