package dev.verity.dsl.check;

import dev.verity.dsl.ast.Span;
import dev.verity.engine.optim.Schedule;
import dev.verity.engine.rl.KlSpec;
import dev.verity.engine.sample.SamplingSpec;
import dev.verity.engine.task.JsonlTask;
import dev.verity.engine.task.Task;
import dev.verity.engine.task.TaskSpec;
import java.util.Optional;
import java.util.OptionalLong;

/**
 * Settings that run but cannot learn, or measure less than they seem to: warnings, not errors, so the run still
 * goes on (a demonstration may want them), but nobody meets them first in a flat curve.
 */
final class Warnings {
  private final Context ctx;

  Warnings(Context ctx) {
    this.ctx = ctx;
  }

  /** RL sampling at temperature 0 draws one response per_prompt times: every group has zero reward variance. */
  void rlSampling(SamplingSpec sampling, Span at) {
    if (sampling.perPrompt() > 1 && zeroThroughout(sampling.temperature())) {
      ctx.warn(at, "this sampling has temperature 0 (greedy) and per_prompt " + sampling.perPrompt() + ": every"
          + " sample of a prompt is the same response, so each group's rewards have zero variance and the"
          + " advantages are 0 (nothing is learnt); sample with temperature > 0, e.g. sample(temperature: 1,"
          + " per_prompt: " + sampling.perPrompt() + ")");
    }
  }

  /** A KL term whose coefficient is 0 at every step costs a reference forward pass and has no effect. */
  void kl(Optional<KlSpec> kl, Span at) {
    if (kl.isPresent() && zeroThroughout(kl.get().coefficient())) {
      ctx.warn(at, "the kl coefficient is 0 at every step, so the term has no effect: give a positive"
          + " coefficient, e.g. " + kl.get().estimator().id() + "(0.01), or write kl: none");
    }
  }

  /**
   * A frozen evaluation set larger than the generator's distinct prompts repeats them, so its accuracy weighs some
   * problems twice. (A file's set takes the whole file when it has fewer problems than the count: no repeats.)
   */
  void evalSet(TaskSpec spec, String taskName, int count, Span at) {
    Optional<Task> task = ctx.data.task(spec); // bad data is reported at the task statement
    if (task.isEmpty() || task.get() instanceof JsonlTask) {
      return;
    }
    OptionalLong distinct = task.get().distinctPrompts();
    if (distinct.isEmpty() || count <= distinct.getAsLong()) {
      return;
    }
    long space = distinct.getAsLong();
    ctx.warn(at, "an evaluation set of " + count + " problems is larger than the " + space + " distinct prompts"
        + " task '" + taskName + "' can draw at " + task.get().knobName() + " " + task.get().levels() + ": the set"
        + " repeats prompts, so some count more than once in its accuracy; use count: " + space + " or fewer, or"
        + " widen " + task.get().knobName());
  }

  /**
   * A learning rate of 0 at every step leaves the weights as they are; a warmup as long as the stage never reaches
   * the rate it names.
   */
  void lr(Schedule lr, long steps, Span at) {
    if (zeroThroughout(lr)) {
      ctx.warn(at, "the learning rate is 0 at every step, so the weights never change: give a positive lr, e.g."
          + " constant(1e-4)");
    } else if (lr instanceof Schedule.Cosine c && c.warmup() >= steps) {
      ctx.warn(at, "a warmup of " + c.warmup() + " steps in a stage of " + steps + " never reaches the learning"
          + " rate " + ValueText.format(c.from()) + " (at its last step it is "
          + String.format(java.util.Locale.ROOT, "%.2g", lr.value(steps - 1, steps))
          + "): shorten the warmup, e.g. warmup: " + Math.max(1, steps / 10));
    }
  }

  /** Whether a schedule is 0 at every step (each kind moves between its two ends, or scales one value). */
  static boolean zeroThroughout(Schedule s) {
    if (s instanceof Schedule.Constant c) {
      return c.value() == 0;
    } else if (s instanceof Schedule.Linear l) {
      return l.from() == 0 && l.to() == 0;
    } else if (s instanceof Schedule.Cosine c) {
      return c.from() == 0 && c.to() == 0;
    } else if (s instanceof Schedule.Ramp r) {
      return r.from() == 0 && r.to() == 0;
    } else if (s instanceof Schedule.Step st) {
      return st.value() == 0;
    }
    throw new IllegalStateException("a schedule kind without a case: " + s);
  }
}
