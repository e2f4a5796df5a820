package dev.verity.engine.sample;

import dev.verity.engine.catalog.Bound;
import dev.verity.engine.catalog.Definition;
import dev.verity.engine.catalog.Param;
import dev.verity.engine.optim.Schedule;
import java.util.List;

/**
 * How responses are drawn: temperature (0 = greedy, may follow a schedule), top-k (0 = off), top-p (1 = off),
 * the response length limit, how many responses each prompt gets, and the fewest tokens before the end marker
 * may be chosen (0 = no minimum; benchmarks use it to hold the response length fixed).
 */
public record SamplingSpec(
    Schedule temperature, int topK, double topP, int maxTokens, int perPrompt, int minTokens) {

  /** The response length limit unless one is given. */
  public static final int DEFAULT_MAX_TOKENS = 128;

  /** {@code sample(…)}: every setting with its limits and default. */
  public static final Definition<SamplingSpec> TYPE = Definition.of("sample", "How responses are drawn.", List.of(
          Param.schedule("temperature").atLeast(0).byDefault(Schedule.constant(1)).doc("0 is greedy; may follow a schedule"),
          Param.whole("top_k").atLeast(0).byDefault(0).doc("keep the k likeliest tokens; 0 turns it off"),
          Param.number("top_p").bounded(Bound.aboveUpTo(0, 1)).byDefault(1.0).doc("nucleus sampling; 1 turns it off"),
          Param.whole("max_tokens").atLeast(1).byDefault(DEFAULT_MAX_TOKENS).doc("the response length limit"),
          Param.whole("per_prompt").atLeast(1).byDefault(1).doc("responses per prompt (k)"),
          Param.whole("min_tokens").atLeast(0).byDefault(0)
              .doc("the end marker may not come before this many tokens; 0 turns it off")),
      a -> new SamplingSpec(a.schedule("temperature"), a.whole("top_k"), a.number("top_p"), a.whole("max_tokens"),
          a.whole("per_prompt"), a.whole("min_tokens")));

  public SamplingSpec(Schedule temperature, int topK, double topP, int maxTokens, int perPrompt) {
    this(temperature, topK, topP, maxTokens, perPrompt, 0);
  }

  public static SamplingSpec greedy(int maxTokens) {
    return new SamplingSpec(Schedule.constant(0), 0, 1.0, maxTokens, 1);
  }

  /**
   * How each token is chosen at {@code step} of a stage of {@code total} steps: the one place a sampling's
   * schedules are evaluated. Outside a stage (an {@code eval} statement) that is step 0 of 1.
   */
  public DecodeOptions at(long step, long total) {
    return new DecodeOptions(temperature.value(step, total), topK, topP, maxTokens, minTokens);
  }
}
