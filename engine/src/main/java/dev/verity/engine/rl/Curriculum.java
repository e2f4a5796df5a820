package dev.verity.engine.rl;

import dev.verity.engine.optim.Schedule;
import dev.verity.engine.task.LevelRange;

/**
 * A task's difficulty range moved over a stage's steps, e.g. {@code cosine(digits: 2..3 -> 2..6, warmup: 10)}.
 *
 * <p>{@code progress} is a numeric schedule from 0 to 1 of the same shape as the curriculum's name, so a range
 * moves exactly as a learning rate of that shape would: the schedules stay the one definition of each shape.
 * The range at a step depends on the step and the stage's length alone, so resuming needs no state of its own.
 */
public record Curriculum(String knob, LevelRange from, LevelRange to, Schedule progress) {
  public Curriculum {
    if (progress instanceof Schedule.Step) {
      // step multiplies a value by a factor: a range has no meaning for that, and the checker says so
      throw new IllegalArgumentException("a curriculum cannot follow a step schedule");
    }
  }

  /** {@code linear(knob: from -> to, over: N)}: linear over {@code over} steps (0: the whole stage), then held. */
  public static Curriculum linear(String knob, LevelRange from, LevelRange to, long over) {
    return new Curriculum(knob, from, to, new Schedule.Linear(0, 1, over));
  }

  /** {@code cosine(knob: from -> to, warmup: N)}: {@code from} for the warmup, then half a cosine to the end. */
  public static Curriculum cosine(String knob, LevelRange from, LevelRange to, long warmup) {
    // the numeric cosine warms up from 0 to its start; with start 0 that is a hold, which a range wants
    return new Curriculum(knob, from, to, new Schedule.Cosine(0, 1, warmup));
  }

  /** {@code ramp(knob: from -> to, over: N, start: S)}: {@code from} until S, linear over N, then held. */
  public static Curriculum ramp(String knob, LevelRange from, LevelRange to, long over, long start) {
    return new Curriculum(knob, from, to, new Schedule.Ramp(0, 1, over, start));
  }

  /** {@code constant(knob: levels)}: the same range at every step. */
  public static Curriculum constant(String knob, LevelRange levels) {
    return new Curriculum(knob, levels, levels, new Schedule.Constant(0));
  }

  /**
   * The range at {@code step} of a stage of {@code total} steps: both ends moved from {@code from} towards
   * {@code to} by the progress, and rounded to the nearest level.
   */
  public LevelRange at(long step, long total) {
    // 0 + (1 - 0)·t is exactly t, so linear gives the same doubles, hence levels, as it always has
    double t = Math.min(1.0, Math.max(0.0, progress.value(step, total)));
    int min = (int) Math.round(from.min() + (to.min() - from.min()) * t);
    int max = (int) Math.round(from.max() + (to.max() - from.max()) * t);
    return new LevelRange(Math.min(min, max), max);
  }
}
