package dev.verity.dsl.plan;

import dev.verity.dsl.ast.Span;
import dev.verity.engine.doctor.DoctorSettings;
import dev.verity.engine.model.ModelSpec;
import dev.verity.engine.reward.RewardExpr;
import dev.verity.engine.rl.RlSpec;
import dev.verity.engine.sample.SamplingSpec;
import dev.verity.engine.sft.SftSpec;
import dev.verity.engine.task.TaskSpec;
import java.nio.file.Path;
import java.util.List;
import java.util.Optional;

/**
 * One thing a plan does. Names are the session's (the executor keeps models by name); specs are the engine's
 * contract types, fully resolved: defaults filled in, named rewards inlined as {@code RewardExpr.Named}, paths
 * absolute.
 */
public sealed interface Action
    permits Action.Experiment,
        Action.DeclareTask,
        Action.DeclareModel,
        Action.CopyModel,
        Action.DeclareReward,
        Action.DeclareSampling,
        Action.Check,
        Action.Sft,
        Action.Rl,
        Action.Eval,
        Action.Plot,
        Action.Table,
        Action.Save,
        Action.Load {

  Span span();

  /** Names the run and seeds all randomness. */
  record Experiment(String name, long seed, Span span) implements Action {}

  /** A task; a frozen one ({@code count > 0}) is drawn once from the seed, keyed by its name. */
  record DeclareTask(String name, TaskSpec spec, Span span) implements Action {}

  /** A fresh model initialised from the seed. */
  record DeclareModel(String name, ModelSpec spec, Span span) implements Action {}

  /** {@code model g = copy(policy)}: a copy of {@code source}'s weights as they are when this step runs. */
  record CopyModel(String name, String source, Span span) implements Action {}

  record DeclareReward(String name, RewardExpr.Named reward, Span span) implements Action {}

  record DeclareSampling(String name, SamplingSpec spec, Span span) implements Action {}

  /**
   * A reward unit test: {@code reward} on (prompt, response, answer), compared with {@code expected} by
   * {@code op} (a comparison); {@code source} is the check as written, for the failure message. With
   * {@code task} the answer terms use that task's verifier, as RL on it does; without, the standard one.
   */
  record Check(
      String source, RewardExpr reward, String prompt, String response, String answer, RewardExpr.Op op,
      double expected, Optional<TaskRef> task, Span span) implements Action {}

  /** A declared task by name, with its spec (the executor builds each task once, by name). */
  record TaskRef(String name, TaskSpec spec) {}

  /** Supervised fine-tuning of {@code model} on {@code task}; {@code stage} labels its metrics. */
  record Sft(String stage, String model, String taskName, TaskSpec task, SftSpec spec, Span span)
      implements Action {}

  /**
   * RL on {@code task}; {@code stage} labels its metrics and rollouts. {@code doctor}: whether and how the stage is
   * watched; it never changes what the stage computes. {@code rewardSpan}: where its reward is written (the
   * declaration of a named one), where a reward that is not a number while it runs is reported.
   */
  record Rl(String stage, String model, String taskName, TaskSpec task, RlSpec spec, DoctorSettings doctor,
      Span rewardSpan, Span span) implements Action {}

  /** Evaluates {@code model} on a frozen set ({@code task.count() > 0}). */
  record Eval(String name, String model, String taskName, TaskSpec task, SamplingSpec sampling, Span span)
      implements Action {}

  /** A chart: one series per source × metric against {@code axis}. */
  record Plot(List<String> metrics, Axis axis, List<String> sources, Span span) implements Action {}

  record Table(TableSource source, Span span) implements Action {}

  record Save(String model, Path path, Span span) implements Action {}

  /** Loads weights into {@code model}; declares it with the checkpoint's shape when it has no declaration. */
  record Load(String model, Path path, Span span) implements Action {}

  /** What a plot's x axis is: stage steps, eval difficulty levels, or mean response length per step. */
  enum Axis {
    STEP, LEVEL, RESPONSE_LEN_MEAN
  }

  /** What a table shows. */
  sealed interface TableSource permits Rollouts, Metrics, EvalResults, Samples {}

  /** The first or last {@code count} rollouts of an rl stage. */
  record Rollouts(boolean first, int count, String stage) implements TableSource {}

  /** The last {@code count} per-step metric rows of a stage; 0 shows every row. */
  record Metrics(int count, String stage) implements TableSource {}

  /** Accuracy, pass@k and mean length per difficulty level of each named evaluation. */
  record EvalResults(List<String> evals) implements TableSource {}

  /** The first {@code count} responses of evaluation {@code eval} that {@code keep} selects (all, right, …). */
  record Samples(int count, String keep, String eval) implements TableSource {}
}
