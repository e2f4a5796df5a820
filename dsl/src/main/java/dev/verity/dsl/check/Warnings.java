package dev.verity.dsl.check;

import dev.verity.dsl.ast.Expr;
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
   * A learning rate of 0 at every step leaves the weights as they are. A cosine warmup longer than the stage never
   * reaches the rate it names; one of the whole stage, or all but its last step, reaches it but leaves no step to
   * decay in (the decay's first step is still at the peak), so the rate after the arrow is never used.
   *
   * @param written the lr as written, so that its numbers are quoted as the user typed them
   */
  void lr(Schedule lr, Expr written, long steps, Span at) {
    if (zeroThroughout(lr)) {
      ctx.warn(at, "the learning rate is 0 at every step, so the weights never change: give a positive lr, e.g."
          + " constant(1e-4)");
      return;
    }
    if (!(lr instanceof Schedule.Cosine c) || c.warmup() == 0 || steps < 2 || c.warmup() < steps - 1) {
      return;
    }
    String from = arrowEnd(written, true).orElse(shortest(c.from()));
    String to = arrowEnd(written, false).orElse(shortest(c.to()));
    // a whole number of steps to suggest: about a tenth of the stage, and at most steps − 2 so that the decay runs
    long shorter = Math.max(0, Math.min(Math.max(1, steps / 10), steps - 2));
    String head = "a warmup of " + c.warmup() + (c.warmup() == 1 ? " step" : " steps") + " in a stage of " + steps;
    if (c.warmup() > steps) {
      ctx.warn(at, head + " never reaches the learning rate " + from + " (at its last step it is "
          + shortest(lr.value(steps - 1, steps)) + ") and never decays to " + to + ": shorten the warmup, e.g."
          + " warmup: " + shorter);
    } else {
      ctx.warn(at, head + " leaves no step to decay in: the learning rate reaches " + from + " at step "
          + c.warmup() + (c.warmup() == steps ? ", the last," : "") + " and never decays to " + to
          + ": shorten the warmup, e.g. warmup: " + shorter);
    }
  }

  /** The number written at one end of a schedule's {@code a -> b}, as typed; empty when it is not a literal. */
  private static Optional<String> arrowEnd(Expr written, boolean from) {
    if (!(written instanceof Expr.Call call)) {
      return Optional.empty();
    }
    return call.args().stream().map(Expr.Arg::value).filter(v -> v instanceof Expr.Arrow).findFirst()
        .map(v -> from ? ((Expr.Arrow) v).from() : ((Expr.Arrow) v).to())
        .filter(v -> v instanceof Expr.Num).map(v -> ((Expr.Num) v).text());
  }

  /** A computed value in two significant digits and no trailing zeros: 0.00012, 0.002, not 0.0020 or 1.2E-4. */
  static String shortest(double value) {
    return new java.math.BigDecimal(value).round(new java.math.MathContext(2)).stripTrailingZeros()
        .toPlainString();
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
