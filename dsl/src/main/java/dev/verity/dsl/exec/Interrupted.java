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
    this("interrupted: stage " + stage + " stopped after step " + stepsDone + " of " + steps
        + "; the model keeps its weights", stage, stepsDone, steps);
  }

  private Interrupted(String message, String stage, long stepsDone, int steps) {
    super(message, null, false, false);
    this.stage = stage;
    this.stepsDone = stepsDone;
    this.steps = steps;
  }

  /**
   * A headless run stopped between statements (Ctrl-C during an evaluation, say): no stage was cut short, so
   * {@link #stage()} is empty; everything before line {@code line} ran and is recorded.
   */
  static Interrupted beforeLine(int line) {
    return new Interrupted("interrupted before the statement at line " + line + "; everything before it ran and is"
        + " recorded", "", 0, 0);
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
