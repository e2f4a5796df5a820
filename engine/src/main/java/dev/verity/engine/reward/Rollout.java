package dev.verity.engine.reward;

import dev.verity.engine.task.Problem;
import java.util.Objects;

/**
 * One sampled response to a problem.
 *
 * @param tokens the response length in tokens, end marker excluded
 * @param truncated whether sampling hit max_tokens before the end marker
 */
public record Rollout(Problem problem, String response, int tokens, boolean truncated) {
  public Rollout {
    Objects.requireNonNull(problem, "rollout problem");
    Objects.requireNonNull(response, "rollout response");
    if (tokens < 0) {
      throw new IllegalArgumentException("rollout tokens must be >= 0, got " + tokens);
    }
  }
}
