package dev.verity.dsl.exec;

import dev.verity.dsl.plan.Action;
import dev.verity.engine.checkpoint.Checkpoint;
import dev.verity.engine.doctor.Doctor;
import dev.verity.engine.doctor.DoctorSettings;
import dev.verity.engine.doctor.Finding;
import dev.verity.engine.eval.EvalReport;
import dev.verity.engine.eval.EvalSet;
import dev.verity.engine.model.Policy;
import dev.verity.engine.rl.PeriodicEval;
import dev.verity.engine.rl.RlTrainer;
import dev.verity.engine.rl.ScoredRollout;
import dev.verity.engine.run.Recorder;
import dev.verity.engine.run.RolloutRecord;
import dev.verity.engine.sft.SftTrainer;
import dev.verity.engine.task.Task;
import dev.verity.engine.train.StageContext;
import dev.verity.engine.train.StageListener;
import dev.verity.engine.train.StageResult;
import dev.verity.engine.train.StepMetrics;
import dev.verity.engine.train.Trainer;
import dev.verity.engine.user.UserCode;
import dev.verity.engine.user.UserCodeWatch;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Path;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.stream.Collectors;

/**
 * Runs {@code sft} and {@code rl} statements: builds the trainer, continues it from a checkpoint when the session
 * resumes a run, wires recording and progress, reports.
 */
final class StageRunner {
  private final Session session;
  private final ExecutionListener listener;

  StageRunner(Session session, ExecutionListener listener) {
    this.session = session;
    this.listener = listener;
  }

  String sft(Action.Sft s) {
    Task task = TrainingTasks.of(session, s.taskName(), s.task(), s.spec().eval());
    Policy policy = session.policy(s.model(), s.taskName(), task);
    StageContext context = context(s.model(), s.stage(), s.spec().eval());
    try (SftTrainer trainer = new SftTrainer(policy, task, s.spec(), context)) {
      return run(trainer, s.stage(), "sft", s.model(), s.spec().eval(), DoctorSettings.off(), List.of());
    }
  }

  String rl(Action.Rl s) {
    Task task = TrainingTasks.of(session, s.taskName(), s.task(), s.spec().eval());
    Policy policy = session.policy(s.model(), s.taskName(), task);
    StageContext context = context(s.model(), s.stage(), s.spec().eval());
    try (RlTrainer trainer = new RlTrainer(policy, task, s.spec(), context)) {
      return run(trainer, s.stage(), "rl", s.model(), s.spec().eval(), s.doctor(),
          UserCode.usedBy(task, s.spec().reward()));
    }
  }

  private StageContext context(String model, String stage, Optional<PeriodicEval> eval) {
    StageContext context = StageContext.of(stage, session.nextStageIndex(), session.seed());
    if (eval.isPresent()) {
      PeriodicEval e = eval.get();
      Task task = session.task(e.name(), e.task());
      session.policy(model, e.name(), task); // the evaluation's prompts must be readable too
      context = context.withEval(new EvalSet(e.name(), task, session.frozen(e.name(), e.task()), e.sampling(), e.every()));
    }
    StageContext planned = context;
    return session.recorder().map(r -> r.checkpointing(planned)).orElse(planned);
  }

  private String run(Trainer trainer, String stage, String kind, String model, Optional<PeriodicEval> eval,
      DoctorSettings doctoring, List<UserCode> userCode) {
    StageRecord record = session.newStage(stage, kind, model);
    // where the stage ends: its last step, or where a recorded session's user stopped it
    long steps = trainer.steps();
    long end = session.stopLimit(stage).map(limit -> Math.min(limit, steps)).orElse(steps);
    long from = continueFrom(trainer, record, end, eval);
    if (from >= end) { // it ended before the run stopped: its weights and records are restored, nothing to train
      if (from > 0) { // restored from its checkpoint at its end
        restored(stage, from);
      }
      if (end < trainer.steps()) {
        throw new Interrupted(stage, end, trainer.steps());
      }
      return summary(stage, kind, model, record, "restored from the run directory");
    }
    listener.stageStarted(stage, kind, model, trainer.steps());
    StageListener progress = new Progress(record);
    StageListener chain = session.recorder().map(r -> r.recording(stage, progress)).orElse(progress);
    // outermost, so a step is recorded and shown before what the doctor says about it
    Doctor doctor = new Doctor(stage, doctoring, chain, this::found);
    if (from > 0) {
      doctor.catchUp(record.metrics(), record.evals(), truncatedShares(record.rollouts()));
    }
    StageListener outer = userCode.isEmpty() ? doctor : new UserCodeWatch(stage, userCode, doctor, this::found);
    long started = System.nanoTime();
    StageResult result = trainer.run(outer);
    listener.stageFinished(stage, trainer.nextStep(), result.stopped());
    if (result.stopped()) {
      throw new Interrupted(stage, trainer.nextStep(), trainer.steps());
    }
    String took = String.format(Locale.ROOT, "in %.1f s", (System.nanoTime() - started) / 1e9);
    String summary = summary(stage, kind, model, record, from > 0 ? took + " after resuming at step " + from : took);
    return doctor.summary().isEmpty() ? summary : summary + "; " + doctor.summary();
  }

  /** A finding of the doctor (or of {@link UserCodeWatch}): recorded in the run directory, then shown. */
  private void found(Finding finding) {
    session.recorder().ifPresent(r -> {
      try {
        r.recordFinding(finding);
      } catch (IOException e) {
        throw new UncheckedIOException("cannot record the doctor's finding at step " + finding.step() + ": "
            + e.getMessage(), e);
      }
    });
    listener.finding(finding);
  }

  /** The share of each step's rollouts cut at max_tokens, as the doctor saw them live. */
  private static Map<Long, Double> truncatedShares(List<RolloutRecord> rollouts) {
    return rollouts.stream().collect(
        Collectors.groupingBy(RolloutRecord::step, Collectors.averagingDouble(r -> r.truncated() ? 1 : 0)));
  }


  /**
   * When the session resumes a run, restores the stage from its checkpoint and reads its records so far back into
   * {@code record}; returns the step training continues at (0 when it starts afresh).
   */
  private long continueFrom(Trainer trainer, StageRecord record, long end, Optional<PeriodicEval> eval) {
    if (session.recorder().isEmpty()) {
      return 0;
    }
    Recorder recorder = session.recorder().get();
    try {
      Optional<Checkpoint.Loaded> loaded = recorder.continueFrom(record.name(), end, session.device());
      if (loaded.isEmpty()) {
        return 0;
      }
      try {
        trainer.restore(loaded.get());
      } finally {
        Recorder.close(loaded.get());
      }
      int k = eval.map(e -> Math.max(1, e.sampling().perPrompt())).orElse(1);
      StageReadBack.readInto(record, recorder.directory(), k);
      return trainer.nextStep();
    } catch (IOException e) {
      throw new UncheckedIOException("cannot resume stage " + record.name() + ": " + e.getMessage(), e);
    }
  }

  /** A finished stage a resume restored from its checkpoint at {@code step}: its older checkpoints go. */
  private void restored(String stage, long step) {
    try {
      session.recorder().orElseThrow().restored(stage, step);
    } catch (IOException e) {
      throw new UncheckedIOException("cannot remove the older checkpoints of stage " + stage + ": "
          + e.getMessage(), e);
    }
  }

  /** {@code how}: how the steps came about, e.g. {@code in 3.2 s}. */
  private static String summary(String stage, String kind, String model, StageRecord record, String how) {
    List<StepMetrics> rows = record.metrics();
    StringBuilder out = new StringBuilder(String.format(Locale.ROOT, "%s %s: %s, %d %s %s",
        kind, stage, model, rows.size(), rows.size() == 1 ? "step" : "steps", how));
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
