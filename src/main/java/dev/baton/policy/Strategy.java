package dev.baton.policy;

import com.fasterxml.jackson.annotation.JsonProperty;
import java.util.Locale;

/** How a rule that targets a team picks one member among the eligible ones. */
public enum Strategy {
  @JsonProperty("round-robin")
  ROUND_ROBIN,
  @JsonProperty("least-loaded")
  LEAST_LOADED,
  @JsonProperty("skills-match")
  SKILLS_MATCH,
  @JsonProperty("sticky")
  STICKY,
  @JsonProperty("score")
  SCORE;

  /** The name used in policy documents, e.g. {@code least-loaded}. */
  public String documentName() {
    return name().toLowerCase(Locale.ROOT).replace('_', '-');
  }
}
