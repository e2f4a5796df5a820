package dev.verity.engine.sft;

import ai.djl.engine.Engine;
import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import ai.djl.training.GradientCollector;
import dev.verity.engine.eval.EvalReport;
import dev.verity.engine.eval.EvalSet;
import dev.verity.engine.eval.Evaluator;
import dev.verity.engine.model.Policy;
import dev.verity.engine.optim.AdamW;
import dev.verity.engine.rng.Seeds;
import dev.verity.engine.runtime.TorchRuntime;
import dev.verity.engine.task.Problem;
import dev.verity.engine.task.Task;
import dev.verity.engine.task.TraceStyle;
import dev.verity.engine.tokenizer.CharTokenizer;
import dev.verity.engine.train.SequenceBatch;
import dev.verity.engine.train.StageContext;
import dev.verity.engine.train.StageListener;
import dev.verity.engine.train.StageResult;
import dev.verity.engine.train.StepMetrics;
import java.util.ArrayList;
import java.util.List;
import java.util.SplittableRandom;

/**
 * Supervised fine-tuning on a task's reference traces: teacher forcing, loss on response tokens only.
 *
 * <p>Each step draws one trace style for its whole batch, by the mix's weights, so short direct answers are not
 * padded to scratchpad length; over steps the mix holds. Problem b of step s comes from the stream
 * (seed, stage, s, b), so a step's batch does not depend on any earlier step.
 */
public final class SftTrainer implements AutoCloseable {
  private final Policy policy;
  private final Task task;
  private final SftSpec spec;
  private final StageContext context;
  private final AdamW optimizer;
  private long nextStep;

  public SftTrainer(Policy policy, Task task, SftSpec spec, StageContext context) {
    this.policy = policy;
    this.task = task;
    this.spec = spec;
    this.context = context;
    policy.weights().requireGradients();
    this.optimizer = new AdamW(policy.weights().arrays(), policy.weights().manager());
  }

  public AdamW optimizer() {
    return optimizer;
  }

  /** The step the next {@link #run} starts at (after a resume, the checkpoint's). */
  public long nextStep() {
    return nextStep;
  }

  public void resumeAt(long step) {
    this.nextStep = step;
  }

  /** Runs the remaining steps, or until the listener asks to stop. */
  public StageResult run(StageListener listener) {
    TorchRuntime.noGradOnThisThread();
    List<StepMetrics> rows = new ArrayList<>();
    List<EvalReport> evals = new ArrayList<>();
    long started = System.nanoTime();
    boolean stopped = false;
    while (nextStep < spec.steps()) {
      long step = nextStep;
      // forward, backward, clip, update
      StepMetrics row = step(step, started);
      nextStep = step + 1;
      rows.add(row);
      listener.onStep(row);
      // evaluate
      EvalSet eval = context.eval().orElse(null);
      if (eval != null && eval.every() > 0 && (nextStep % eval.every() == 0 || nextStep == spec.steps())) {
        EvalReport report = evaluate(eval, nextStep);
        evals.add(report);
        listener.onEval(report);
      }
      // stop
      if (nextStep < spec.steps() && listener.stopRequested()) {
        stopped = true;
        break;
      }
    }
    return new StageResult(rows, evals, stopped);
  }

  private StepMetrics step(long step, long started) {
    long t0 = System.nanoTime();
    TraceStyle style = drawStyle(Seeds.stream(context.seed(), context.stageIndex(), step, -1));
    List<int[]> prompts = new ArrayList<>(spec.batch());
    List<int[]> responses = new ArrayList<>(spec.batch());
    CharTokenizer tokenizer = policy.tokenizer();
    for (int b = 0; b < spec.batch(); b++) {
      Problem problem = task.generate(Seeds.stream(context.seed(), context.stageIndex(), step, b));
      prompts.add(tokenizer.encode(problem.prompt()));
      responses.add(withEos(tokenizer.encode(task.trace(problem, style))));
    }
    double lr = spec.lr().value(step, spec.steps());
    double loss;
    double gradNorm;
    long tokens;
    try (NDManager manager = policy.newStepManager()) {
      SequenceBatch batch = new SequenceBatch(manager, prompts, responses);
      try (GradientCollector collector = Engine.getInstance().newGradientCollector()) {
        NDArray logits = policy.transformer().logits(batch.inputs); // (B, T, V)
        NDArray logp = batch.targetLogProbs(logits); // (B, T)
        NDArray nll = logp.mul(batch.targetMask).sum().neg().div(batch.responseTokens); // mean over targets
        collector.backward(nll);
        loss = nll.getFloat();
      }
      gradNorm =
          optimizer.step(policy.weights().arrays(), manager, lr, spec.weightDecay(), spec.clipNorm());
      tokens = batch.tokens;
    }
    double seconds = (System.nanoTime() - t0) / 1e9;
    return StepMetrics.sft(
        context.stage(), step, loss, lr, gradNorm, tokens / seconds, (System.nanoTime() - started) / 1e9);
  }

  private TraceStyle drawStyle(SplittableRandom random) {
    // walk the styles in declaration order, whatever map the spec holds, so the draw is reproducible
    double total = 0;
    for (TraceStyle style : TraceStyle.values()) {
      total += weight(style);
    }
    double u = random.nextDouble() * total;
    TraceStyle last = null;
    for (TraceStyle style : TraceStyle.values()) {
      if (weight(style) > 0) {
        last = style;
        u -= weight(style);
        if (u < 0) {
          return style;
        }
      }
    }
    return last;
  }

  private double weight(TraceStyle style) {
    return Math.max(0, spec.traces().getOrDefault(style, 0.0));
  }

  private EvalReport evaluate(EvalSet eval, long step) {
    return new Evaluator(policy)
        .evaluate(
            new Evaluator.Request(
                context.stage(), context.stageIndex(), step, eval.name(), eval.task(), eval.problems(),
                eval.sampling(), eval.sampling().temperature().value(step, spec.steps()), context.seed()));
  }

  static int[] withEos(int[] ids) {
    int[] out = java.util.Arrays.copyOf(ids, ids.length + 1);
    out[ids.length] = CharTokenizer.EOS;
    return out;
  }

  @Override
  public void close() {
    optimizer.close();
  }
}
