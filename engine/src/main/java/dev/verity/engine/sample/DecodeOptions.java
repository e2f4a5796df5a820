package dev.verity.engine.sample;

/**
 * How each next token is chosen at one step: temperature (0 = greedy), top-k (0 = off), top-p (1 = off), the
 * response length limit, and a minimum length before the end marker may be picked (0 = none). A
 * {@link SamplingSpec} gives these for a step with {@link SamplingSpec#at}.
 */
public record DecodeOptions(double temperature, int topK, double topP, int maxTokens, int minTokens) {
  public static DecodeOptions greedy(int maxTokens) {
    return new DecodeOptions(0, 0, 1.0, maxTokens, 0);
  }

  public static DecodeOptions sampled(double temperature, int maxTokens) {
    return new DecodeOptions(temperature, 0, 1.0, maxTokens, 0);
  }
}
