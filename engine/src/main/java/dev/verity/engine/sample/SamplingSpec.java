package dev.verity.engine.sample;

import dev.verity.engine.optim.Schedule;

/**
 * How responses are drawn: temperature (0 = greedy, may follow a schedule), top-k (0 = off), top-p (1 = off),
 * the response length limit, how many responses each prompt gets, and the fewest tokens before the end marker
 * may be chosen (0 = no minimum; benchmarks use it to hold the response length fixed).
 */
public record SamplingSpec(
    Schedule temperature, int topK, double topP, int maxTokens, int perPrompt, int minTokens) {

  public SamplingSpec(Schedule temperature, int topK, double topP, int maxTokens, int perPrompt) {
    this(temperature, topK, topP, maxTokens, perPrompt, 0);
  }

  public static SamplingSpec greedy(int maxTokens) {
    return new SamplingSpec(Schedule.constant(0), 0, 1.0, maxTokens, 1);
  }
}
