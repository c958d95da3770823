package dev.baton.policy;

import com.fasterxml.jackson.annotation.JsonProperty;

/**
 * One criterion that orders equally good candidates. Only deterministic criteria exist: a routing
 * decision must be reproducible from its inputs.
 */
public enum TieBreaker {
  /** Lower weighted open load first. */
  @JsonProperty("load")
  LOAD,
  /** Longest since the last assignment first; never assigned before anyone else. */
  @JsonProperty("lastAssignedAt")
  LAST_ASSIGNED_AT,
  /** Person id in ascending order; always the last criterion so the order is total. */
  @JsonProperty("id")
  ID
}
