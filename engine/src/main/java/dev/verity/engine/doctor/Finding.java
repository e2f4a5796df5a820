package dev.verity.engine.doctor;

import com.fasterxml.jackson.annotation.JsonProperty;
import com.fasterxml.jackson.annotation.JsonPropertyOrder;
import java.util.Objects;

/**
 * One thing the doctor noticed about a running RL stage: which rule, where, why the run is not learning (the
 * cause), and what to change, in the DSL's own words. One line of doctor.jsonl.
 *
 * @param step the step of metrics.csv it was noticed at (0-based); an evaluation's finding carries the step
 *     before the evaluation, as the evaluation follows it
 */
@JsonPropertyOrder({"stage", "step", "rule", "message", "suggestion"})
public record Finding(
    @JsonProperty("stage") String stage,
    @JsonProperty("step") long step,
    @JsonProperty("rule") String rule,
    @JsonProperty("message") String message,
    @JsonProperty("suggestion") String suggestion) {

  public Finding {
    Objects.requireNonNull(stage, "stage");
    Objects.requireNonNull(rule, "rule");
    Objects.requireNonNull(message, "message");
    Objects.requireNonNull(suggestion, "suggestion");
  }

  /** {@code doctor: tune step 10: <cause> — <fix>}; steps count as the progress lines do (steps done). */
  public String line() {
    return "doctor: " + stage + " step " + (step + 1) + ": " + message + " — " + suggestion;
  }
}
