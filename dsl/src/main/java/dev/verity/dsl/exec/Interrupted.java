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
  private final int line;

  public Interrupted(String stage, long stepsDone, int steps) {
    this("interrupted: stage " + stage + " stopped after step " + stepsDone + " of " + steps
        + "; the model keeps its weights", stage, stepsDone, steps, 0);
  }

  private Interrupted(String message, String stage, long stepsDone, int steps, int line) {
    super(message, null, false, false);
    this.line = line;
    this.stage = stage;
    this.stepsDone = stepsDone;
    this.steps = steps;
  }

  /**
   * A stop between statements (pressed during an evaluation, say): no stage was cut short, so {@link #stage()} is
   * empty; everything before line {@code line} (of the file, or of the cell in a notebook) ran.
   */
  static Interrupted beforeLine(int line) {
    return new Interrupted("interrupted before the statement at line " + line + "; everything before it ran and is"
        + " recorded", "", 0, 0, line);
  }

  /** The line of the statement a stop between statements came before; 0 for a stage stopped after a step. */
  public int line() {
    return line;
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
