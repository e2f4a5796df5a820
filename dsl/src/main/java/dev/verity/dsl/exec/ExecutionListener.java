package dev.verity.dsl.exec;

import dev.verity.engine.doctor.Finding;
import dev.verity.engine.eval.EvalReport;
import dev.verity.engine.train.StepMetrics;

/**
 * What a running plan reports as it goes: for progress bars and live charts. Outputs (charts, tables,
 * verdicts, text) are reported as each statement produces them.
 */
public interface ExecutionListener {
  /** A training stage begins: its name, kind ({@code sft} or {@code rl}), model and number of steps. */
  default void stageStarted(String stage, String kind, String model, int steps) {}

  default void step(StepMetrics metrics) {}

  default void eval(EvalReport report) {}

  /** The doctor found a reason an RL stage is not learning, as it happened (see {@link Finding#line()}). */
  default void finding(Finding finding) {}

  /** A training stage ended, normally or by a stop request. */
  default void stageFinished(String stage, long stepsDone, boolean stopped) {}

  /** A value to show: a {@code String}, a Tablesaw {@code Table}, a {@code Chart} or a {@code Verdict}. */
  default void output(Object value) {}

  ExecutionListener NONE = new ExecutionListener() {};
}
