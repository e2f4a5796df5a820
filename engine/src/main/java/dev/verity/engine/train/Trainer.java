package dev.verity.engine.train;

import dev.verity.engine.checkpoint.Checkpoint;
import dev.verity.engine.eval.EvalReport;
import dev.verity.engine.eval.EvalSet;
import dev.verity.engine.eval.Evaluator;
import dev.verity.engine.model.Policy;
import dev.verity.engine.optim.AdamW;
import dev.verity.engine.runtime.TorchRuntime;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.DataInputStream;
import java.io.DataOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/**
 * The loop every training stage shares — step, report, evaluate, checkpoint, stop — around a subclass's
 * {@link #step}. A stop request ends the stage after the step in flight and writes a checkpoint, so the stage
 * can resume exactly where it stopped.
 */
public abstract class Trainer implements AutoCloseable {
  protected final Policy policy;
  protected final StageContext context;
  protected final AdamW optimizer;
  protected final int steps;
  private long nextStep;

  protected Trainer(Policy policy, StageContext context, int steps) {
    this.policy = policy;
    this.context = context;
    this.steps = steps;
    policy.weights().requireGradients();
    this.optimizer = new AdamW(policy.weights().arrays(), policy.weights().manager());
  }

  /** One training step; {@code started} is the stage's start (nanoTime) for elapsed_s. */
  protected abstract StepMetrics step(long step, long started, StageListener listener);

  /** State beyond weights and optimiser that a resume needs (e.g. per-problem success rates). */
  protected void writeState(DataOutputStream out) throws IOException {}

  protected void readState(DataInputStream in) throws IOException {}

  /** The frozen reference policy to checkpoint with the stage, if it has one. */
  protected Policy reference() {
    return null;
  }

  /** The step the next {@link #run} starts at. */
  public long nextStep() {
    return nextStep;
  }

  public int steps() {
    return steps;
  }

  /** Runs the remaining steps, or until the listener asks to stop. */
  public StageResult run(StageListener listener) {
    TorchRuntime.noGradOnThisThread();
    List<StepMetrics> rows = new ArrayList<>();
    List<EvalReport> evals = new ArrayList<>();
    long started = System.nanoTime();
    boolean stopped = false;
    EvalSet periodic = context.eval().filter(e -> e.every() > 0).orElse(null);
    if (periodic != null && nextStep == 0) {
      // the starting point, before the first update: the curve's step 0 (a resumed stage has it already)
      EvalReport report = evaluate(periodic, 0);
      evals.add(report);
      listener.onEval(report);
    }
    while (nextStep < steps) {
      // train
      StepMetrics row = step(nextStep, started, listener);
      nextStep++;
      rows.add(row);
      listener.onStep(row);
      if (!Double.isFinite(row.loss())) {
        // the weights are NaN now too: every later step would be wasted
        throw new TrainingDiverged(context.stage(), row.step(), row.loss());
      }
      // evaluate
      EvalSet eval = context.eval().orElse(null);
      if (eval != null && eval.every() > 0 && (nextStep % eval.every() == 0 || nextStep == steps)) {
        EvalReport report = evaluate(eval, nextStep);
        evals.add(report);
        listener.onEval(report);
      }
      // stop, checkpoint
      stopped = nextStep < steps && listener.stopRequested();
      boolean due = context.checkpointEvery() > 0 && nextStep % context.checkpointEvery() == 0;
      if (context.checkpointDir().isPresent() && (due || stopped || nextStep == steps)) {
        Path file = context.checkpointFile(nextStep);
        saveCheckpoint(file);
        listener.onCheckpoint(file, nextStep);
      }
      if (stopped) {
        break;
      }
    }
    return new StageResult(rows, evals, stopped);
  }

  /** Evaluates the policy now, labelled with this stage and {@code step}. */
  public EvalReport evaluate(EvalSet eval, long step) {
    return new Evaluator(policy)
        .evaluate(
            new Evaluator.Request(
                context.stage(), context.stageIndex(), step, steps, eval.name(), eval.task(), eval.problems(),
                eval.sampling(), context.seed()));
  }

  /** Writes weights, optimiser, reference and trainer state before step {@link #nextStep()}. */
  public void saveCheckpoint(Path file) {
    try {
      ByteArrayOutputStream state = new ByteArrayOutputStream();
      DataOutputStream out = new DataOutputStream(state);
      writeState(out);
      out.flush();
      Checkpoint.save(
          file,
          policy,
          Checkpoint.at(context.seed(), context.stage(), context.stageIndex(), nextStep),
          optimizer,
          reference(),
          state.toByteArray());
    } catch (IOException e) {
      throw new UncheckedIOException("could not write a checkpoint: " + e.getMessage(), e); // names the file
    }
  }

  /** Continues from a checkpoint this stage wrote: weights, optimiser, reference, state and step. */
  public void restore(Checkpoint.Loaded loaded) throws IOException {
    Checkpoint meta = loaded.meta();
    if (!meta.stage().equals(context.stage()) || meta.seed() != context.seed()) {
      throw new IOException(
          "checkpoint of stage " + meta.stage() + " (seed " + meta.seed() + ") does not belong to stage "
              + context.stage() + " (seed " + context.seed() + ")");
    }
    policy.weights().copyFrom(loaded.policy().weights());
    if (reference() != null && loaded.reference().isPresent()) {
      reference().weights().copyFrom(loaded.reference().get().weights());
    }
    meta.restoreOptimizer(optimizer);
    if (meta.trainerState().isPresent()) {
      readState(new DataInputStream(new ByteArrayInputStream(meta.trainerState().get())));
    }
    nextStep = meta.step();
  }

  @Override
  public void close() {
    optimizer.close();
  }
}
