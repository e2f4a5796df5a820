package dev.verity.engine.rl;

import java.util.Locale;

/** How RL draws its prompts. */
public enum Prioritize {
  /** Fresh problems from the task's generator. */
  UNIFORM("fresh problems"),
  /** k1.5: problems drawn ∝ 1 − success rate, tracked per problem. */
  FAILURE_RATE("problems drawn ∝ 1 − success rate");

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
