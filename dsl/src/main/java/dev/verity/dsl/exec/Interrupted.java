package dev.verity.dsl.exec;

/**
 * A stop request ended a stage early: the stage wrote a checkpoint, the model keeps the weights it has, and the
 * rest of the cell or file did not run.
 */
public final class Interrupted extends RuntimeException {
  private static final long serialVersionUID = 1L;
  private final String stage;
  private final long stepsDone;
  private final int steps;

  public Interrupted(String stage, long stepsDone, int steps) {
    super("interrupted: stage " + stage + " stopped after step " + stepsDone + " of " + steps
        + "; the model keeps its weights", null, false, false);
    this.stage = stage;
    this.stepsDone = stepsDone;
    this.steps = steps;
  }

  public String stage() {
    return stage;
  }

  public long stepsDone() {
    return stepsDone;
  }

  public int steps() {
    return steps;
  }
}
