package dev.verity.engine.optim;

/**
 * A value that changes with the training step: learning rates, KL and reward coefficients, temperatures.
 *
 * <p>{@code step} counts from 0 within a stage; {@code total} is the stage's number of steps, which schedules
 * without an explicit length (cosine, linear without {@code over}) stretch over.
 */
public sealed interface Schedule
    permits Schedule.Constant, Schedule.Linear, Schedule.Cosine, Schedule.Ramp, Schedule.Step {

  double value(long step, long total);

  /** The same value at every step. */
  record Constant(double value) implements Schedule {
    @Override
    public double value(long step, long total) {
      return value;
    }
  }

  /** From {@code from} to {@code to} linearly over {@code over} steps (0: the whole stage), then held. */
  record Linear(double from, double to, long over) implements Schedule {
    @Override
    public double value(long step, long total) {
      long span = over > 0 ? over : Math.max(1, total - 1);
      double t = Math.min(1.0, Math.max(0.0, (double) step / span));
      return from + (to - from) * t;
    }
  }

  /** Linear warmup from 0 to {@code from}, then cosine decay to {@code to} at the end of the stage. */
  record Cosine(double from, double to, long warmup) implements Schedule {
    @Override
    public double value(long step, long total) {
      if (step < warmup) {
        return from * (step + 1) / (double) warmup; // warmup: never exactly 0, so step 0 still learns
      }
      long decay = Math.max(1, total - warmup - 1);
      double t = Math.min(1.0, (double) (step - warmup) / decay);
      return to + (from - to) * 0.5 * (1 + Math.cos(Math.PI * t)); // decay: from → to along half a cosine
    }
  }

  /** Holds {@code from} until {@code start}, rises linearly to {@code to} over {@code over} steps, then holds. */
  record Ramp(double from, double to, long over, long start) implements Schedule {
    @Override
    public double value(long step, long total) {
      if (step <= start) {
        return from;
      }
      double t = Math.min(1.0, (double) (step - start) / Math.max(1, over));
      return from + (to - from) * t;
    }
  }

  /** {@code value}, multiplied by {@code factor} every {@code every} steps. */
  record Step(double value, long every, double factor) implements Schedule {
    @Override
    public double value(long step, long total) {
      return value * Math.pow(factor, step / Math.max(1, every));
    }
  }

  static Schedule constant(double value) {
    return new Constant(value);
  }
}
