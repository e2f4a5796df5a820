package dev.verity.engine.task;

/**
 * What the steps of one response show, for tasks whose steps can be checked exactly ({@link ArithmeticSteps}).
 * A step is one {@code |}-terminated segment before the final answer; within it, each {@code !} marks a
 * correction: the attempt before it is replaced by the attempt after it.
 *
 * @param steps segments written
 * @param wrongAttempts attempts whose written value is not the value of their own expression (or that cannot be
 *     read as {@code expression=value}), corrected or not: the {@code step_errors} reward term
 * @param corrections {@code !} markers
 * @param fixes corrections that replace a wrong attempt by a right one
 * @param uncorrected steps whose last attempt is wrong: the {@code uncorrected_errors} reward term
 */
public record StepFacts(int steps, int wrongAttempts, int corrections, int fixes, int uncorrected) {
  public static final StepFacts NONE = new StepFacts(0, 0, 0, 0, 0);

  /** Whether the response corrects itself at least once. */
  public boolean reflects() {
    return corrections > 0;
  }
}
