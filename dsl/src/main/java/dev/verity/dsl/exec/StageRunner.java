package dev.verity.dsl.exec;

import dev.verity.dsl.plan.Step;
import dev.verity.engine.eval.EvalReport;
import dev.verity.engine.eval.EvalSet;
import dev.verity.engine.model.Policy;
import dev.verity.engine.rl.PeriodicEval;
import dev.verity.engine.rl.RlTrainer;
import dev.verity.engine.rl.ScoredRollout;
import dev.verity.engine.run.RolloutRecord;
import dev.verity.engine.sft.SftTrainer;
import dev.verity.engine.task.Task;
import dev.verity.engine.train.StageContext;
import dev.verity.engine.train.StageListener;
import dev.verity.engine.train.StageResult;
import dev.verity.engine.train.StepMetrics;
import dev.verity.engine.train.Trainer;
import java.util.List;
import java.util.Locale;
import java.util.Optional;

/** Runs {@code sft} and {@code rl} statements: builds the trainer, wires recording and progress, reports. */
final class StageRunner {
  /** Steps between checkpoints of a recorded run (each stage also checkpoints at its end and when stopped). */
  static final int CHECKPOINT_EVERY = 50;

  private final Session session;
  private final ExecutionListener listener;

  StageRunner(Session session, ExecutionListener listener) {
    this.session = session;
    this.listener = listener;
  }

  String sft(Step.Sft s) {
    Policy policy = session.policy(s.model());
    Task task = session.task(s.taskName(), s.task());
    StageContext context = context(s.stage(), s.spec().eval());
    try (SftTrainer trainer = new SftTrainer(policy, task, s.spec(), context)) {
      return run(trainer, s.stage(), "sft", s.model());
    }
  }

  String rl(Step.Rl s) {
    Policy policy = session.policy(s.model());
    Task task = session.task(s.taskName(), s.task());
    StageContext context = context(s.stage(), s.spec().eval());
    try (RlTrainer trainer = new RlTrainer(policy, task, s.spec(), context)) {
      return run(trainer, s.stage(), "rl", s.model());
    }
  }

  private StageContext context(String stage, Optional<PeriodicEval> eval) {
    StageContext context = StageContext.of(stage, session.nextStageIndex(), session.seed());
    if (eval.isPresent()) {
      PeriodicEval e = eval.get();
      Task task = session.task(e.name(), e.task());
      context = context.withEval(new EvalSet(e.name(), task, session.frozen(e.name(), e.task()), e.sampling(), e.every()));
    }
    if (session.run().isPresent()) {
      context = context.withCheckpoints(session.run().get().checkpointsDir(), CHECKPOINT_EVERY);
    }
    return context;
  }

  private String run(Trainer trainer, String stage, String kind, String model) {
    StageRecord record = session.newStage(stage, kind, model);
    listener.stageStarted(stage, kind, model, trainer.steps());
    StageListener progress = new Progress(record);
    StageListener chain = session.run().map(r -> r.recording(progress)).orElse(progress);
    long started = System.nanoTime();
    StageResult result = trainer.run(chain);
    listener.stageFinished(stage, trainer.nextStep(), result.stopped());
    if (result.stopped()) {
      throw new Interrupted(stage, trainer.nextStep(), trainer.steps());
    }
    return summary(stage, kind, model, record, (System.nanoTime() - started) / 1e9);
  }

  private static String summary(String stage, String kind, String model, StageRecord record, double seconds) {
    List<StepMetrics> rows = record.metrics();
    StringBuilder out = new StringBuilder(String.format(Locale.ROOT, "%s %s: %s, %d steps in %.1f s",
        kind, stage, model, rows.size(), seconds));
    if (!rows.isEmpty()) {
      StepMetrics last = rows.get(rows.size() - 1);
      if (kind.equals("sft")) {
        out.append(String.format(Locale.ROOT, "; loss %.4f → %.4f", rows.get(0).loss(), last.loss()));
      } else {
        out.append(String.format(Locale.ROOT, "; accuracy %.3f → %.3f, response length %.1f → %.1f",
            rows.get(0).accuracy(), last.accuracy(), rows.get(0).responseLenMean(), last.responseLenMean()));
      }
    }
    for (EvalReport e : record.evals().isEmpty() ? List.<EvalReport>of() : List.of(record.evals().get(record.evals().size() - 1))) {
      out.append(String.format(Locale.ROOT, "; eval %s at step %d: accuracy %.3f", e.task(), e.step(),
          e.overall().accuracy()));
    }
    return out.toString();
  }

  /** Keeps the stage's results in the session, forwards progress, and carries stop requests in. */
  private final class Progress implements StageListener {
    private final StageRecord record;

    Progress(StageRecord record) {
      this.record = record;
    }

    @Override
    public void onStep(StepMetrics metrics) {
      record.add(metrics);
      listener.step(metrics);
    }

    @Override
    public void onEval(EvalReport report) {
      record.add(report);
      listener.eval(report);
    }

    @Override
    public void onRollouts(String stage, long step, List<ScoredRollout> rollouts) {
      record.addRollouts(RolloutRecord.of(stage, step, rollouts));
    }

    @Override
    public boolean stopRequested() {
      return session.shouldStop(record.name(), record.metrics().size());
    }
  }
}
