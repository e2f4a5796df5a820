package dev.verity.engine.sample;

import dev.verity.engine.optim.Schedule;

/**
 * How responses are drawn: temperature (0 = greedy, may follow a schedule), top-k (0 = off), top-p (1 = off),
 * the response length limit, and how many responses each prompt gets.
 */
public record SamplingSpec(Schedule temperature, int topK, double topP, int maxTokens, int perPrompt) {
  public static SamplingSpec greedy(int maxTokens) {
    return new SamplingSpec(Schedule.constant(0), 0, 1.0, maxTokens, 1);
  }
}
