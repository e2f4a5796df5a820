package dev.verity.engine.rl;

import java.util.Locale;

/** How RL draws its prompts. */
public enum Prioritize {
  /** Uniformly: fresh problems from the task's generator, or the pool's problems when a pool is given. */
  UNIFORM("uniformly: fresh problems every step, or from the pool when one is given"),
  /** k1.5: problems of the pool drawn ∝ 1 − success rate, tracked per problem. */
  FAILURE_RATE("problems of the pool drawn ∝ 1 − success rate");

  private final String doc;

  Prioritize(String doc) {
    this.doc = doc;
  }

  /** Its name, e.g. {@code failure_rate}. */
  public String id() {
    return name().toLowerCase(Locale.ROOT);
  }

  public String doc() {
    return doc;
  }
}
