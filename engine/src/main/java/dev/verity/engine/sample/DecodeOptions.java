package dev.verity.engine.sample;

/**
 * How each next token is chosen: temperature (0 = greedy), top-k (0 = off), top-p (1 = off), the response
 * length limit, and a minimum length before the end marker may be picked (0 = none).
 */
public record DecodeOptions(double temperature, int topK, double topP, int maxTokens, int minTokens) {
  public static DecodeOptions greedy(int maxTokens) {
    return new DecodeOptions(0, 0, 1.0, maxTokens, 0);
  }

  public static DecodeOptions sampled(double temperature, int maxTokens) {
    return new DecodeOptions(temperature, 0, 1.0, maxTokens, 0);
  }

  /** The options of a sampling spec with its temperature at (step, total). */
  public static DecodeOptions of(SamplingSpec spec, long step, long total) {
    return new DecodeOptions(
        spec.temperature().value(step, total), spec.topK(), spec.topP(), spec.maxTokens(), spec.minTokens());
  }
}
