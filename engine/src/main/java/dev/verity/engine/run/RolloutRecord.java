package dev.verity.engine.run;

import com.fasterxml.jackson.annotation.JsonProperty;
import com.fasterxml.jackson.annotation.JsonPropertyOrder;
import dev.verity.engine.reward.RewardResult;
import dev.verity.engine.reward.Rollout;
import dev.verity.engine.rl.ScoredRollout;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Objects;

/**
 * One line of rollouts.jsonl: a sampled response, where it came from (stage, step, prompt index, sample index),
 * what it earned (total reward and every term by name, in the reward's order) and its advantage.
 *
 * @param length the response length in tokens, end marker excluded
 * @param truncated whether sampling hit max_tokens before the end marker
 */
@JsonPropertyOrder({
  "stage", "step", "prompt_index", "sample", "prompt", "response", "answer", "reward", "terms", "advantage",
  "length", "truncated"
})
public record RolloutRecord(
    @JsonProperty("stage") String stage,
    @JsonProperty("step") long step,
    @JsonProperty("prompt_index") int promptIndex,
    @JsonProperty("sample") int sample,
    @JsonProperty("prompt") String prompt,
    @JsonProperty("response") String response,
    @JsonProperty("answer") String answer,
    @JsonProperty("reward") double reward,
    @JsonProperty("terms") Map<String, Double> terms,
    @JsonProperty("advantage") double advantage,
    @JsonProperty("length") int length,
    @JsonProperty("truncated") boolean truncated) {

  public RolloutRecord {
    Objects.requireNonNull(stage, "stage");
    Objects.requireNonNull(prompt, "prompt");
    Objects.requireNonNull(response, "response");
    Objects.requireNonNull(answer, "answer");
    terms = Collections.unmodifiableMap(new LinkedHashMap<>(Objects.requireNonNull(terms, "terms")));
  }

  /** The record of sample {@code sample} of prompt {@code promptIndex} at a stage's step. */
  public static RolloutRecord of(
      String stage, long step, int promptIndex, int sample, Rollout rollout, RewardResult reward,
      double advantage) {
    return new RolloutRecord(stage, step, promptIndex, sample, rollout.problem().prompt(), rollout.response(),
        rollout.problem().answer(), reward.total(), reward.terms(), advantage, rollout.tokens(),
        rollout.truncated());
  }

  /** The record of one scored rollout of an RL step. */
  public static RolloutRecord of(String stage, long step, ScoredRollout r) {
    return new RolloutRecord(stage, step, r.promptIndex(), r.sample(), r.problem().prompt(), r.response(),
        r.problem().answer(), r.reward().total(), r.reward().terms(), r.advantage(), r.tokens(), r.truncated());
  }

  /** The records of an RL step's rollouts, in order. */
  public static List<RolloutRecord> of(String stage, long step, List<ScoredRollout> rollouts) {
    List<RolloutRecord> records = new ArrayList<>(rollouts.size());
    for (ScoredRollout r : rollouts) {
      records.add(of(stage, step, r));
    }
    return records;
  }
}
