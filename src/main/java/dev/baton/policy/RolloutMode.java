package dev.baton.policy;

import com.fasterxml.jackson.annotation.JsonProperty;

/** Whether a policy's decisions take effect. */
public enum RolloutMode {
  /** The policy does not route. */
  @JsonProperty("off")
  OFF,
  /** Decide and record, send nothing and change no assignment. */
  @JsonProperty("shadow")
  SHADOW,
  /** Decisions take effect. */
  @JsonProperty("on")
  ON
}
