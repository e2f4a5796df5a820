package dev.verity.engine.rl;

/** How RL draws its prompts. */
public enum Prioritize {
  /** Fresh problems from the task's generator. */
  UNIFORM,
  /** k1.5: problems drawn ∝ 1 − success rate, tracked per problem. */
  FAILURE_RATE
}
