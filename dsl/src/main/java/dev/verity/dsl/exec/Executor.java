package dev.verity.dsl.exec;

import dev.verity.dsl.plan.Action;
import dev.verity.dsl.plan.Plan;
import dev.verity.engine.checkpoint.Checkpoint;
import dev.verity.engine.eval.EvalReport;
import dev.verity.engine.eval.Evaluator;
import dev.verity.engine.model.Policy;
import dev.verity.engine.reward.NonFiniteReward;
import dev.verity.engine.task.Task;
import dev.verity.engine.task.TaskDataException;
import dev.verity.engine.train.TrainingDiverged;
import java.io.EOFException;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/**
 * Runs a checked plan on the engine, statement by statement, in the session. Each statement's output is
 * reported as it is produced and returned at the end. A failing statement stops the plan with a {@link
 * RunError} naming its place; a stop request ends it with {@link Interrupted}. Either way the session stays
 * usable and keeps everything done so far.
 */
public final class Executor {
  private final Session session;
  private final ExecutionListener listener;

  public Executor(Session session, ExecutionListener listener) {
    this.session = session;
    this.listener = listener;
  }

  public List<Object> run(Plan plan) {
    if (!session.stopEndsRun()) {
      session.clearStop(); // a notebook's new cell: an earlier stop is spent
    }
    session.offerCheckedTasks(plan.tasks());
    session.offerMarkers(plan.markers());
    List<Object> outputs = new ArrayList<>();
    for (Action step : plan.steps()) {
      if (session.stopRequested()) {
        throw Interrupted.beforeLine(step.span().line()); // pressed during a statement that is not a stage
      }
      Object output = runGuarded(step);
      if (output != null) {
        outputs.add(output);
        listener.output(output);
      }
    }
    return outputs;
  }

  /** Turns failures from the engine and the file system into errors at the statement's place. */
  private Object runGuarded(Action step) {
    try {
      return execute(step);
    } catch (RunError | Interrupted e) {
      throw e;
    } catch (NonFiniteReward e) { // at the reward, whose expression or Java term is what needs the fix
      throw new RunError(step instanceof Action.Rl rl ? rl.rewardSpan() : step.span(), e.getMessage());
    } catch (TrainingDiverged e) {
      throw new RunError(step.span(), e.getMessage()
          + "; lower the learning rate (lr) or clip the gradient norm harder (clip)");
    } catch (TaskDataException e) {
      throw new RunError(step.span(), e.getMessage());
    } catch (UncheckedIOException e) {
      throw new RunError(step.span(), e.getMessage());
    } catch (IllegalArgumentException | IllegalStateException e) {
      throw new RunError(step.span(), e.getMessage());
    } catch (OutOfMemoryError e) {
      throw new RunError(step.span(), "out of memory: use a smaller batch, fewer prompts or a smaller model");
    } catch (RuntimeException e) {
      throw new RunError(step.span(), "internal error: " + e + " (please report it with this statement)");
    }
  }

  private Object execute(Action step) {
    if (step instanceof Action.Experiment s) {
      session.setExperiment(s.name(), s.seed());
      return null;
    } else if (step instanceof Action.DeclareTask s) {
      session.declareTask(s.name(), s.spec());
      session.task(s.name(), s.spec()); // read a data file now: bad data is then reported at this task statement
      return null;
    } else if (step instanceof Action.DeclareModel s) {
      session.declareModel(s.name(), s.spec());
      return null;
    } else if (step instanceof Action.CopyModel s) {
      session.putPolicy(s.name(), session.policy(s.source()).copy());
      return null;
    } else if (step instanceof Action.DeclareReward || step instanceof Action.DeclareSampling) {
      return null; // resolved into the plan by the checker
    } else if (step instanceof Action.Check s) {
      return Checks.run(s, session);
    } else if (step instanceof Action.Sft s) {
      return new StageRunner(session, listener).sft(s);
    } else if (step instanceof Action.Rl s) {
      return new StageRunner(session, listener).rl(s);
    } else if (step instanceof Action.Eval s) {
      return eval(s);
    } else if (step instanceof Action.Plot s) {
      return Charts.plot(session, s);
    } else if (step instanceof Action.Table s) {
      return Tables.table(session, s);
    } else if (step instanceof Action.Save s) {
      return save(s);
    } else if (step instanceof Action.Load s) {
      return load(s);
    }
    throw new IllegalStateException("no executor for " + step.getClass().getSimpleName());
  }

  private Object eval(Action.Eval s) {
    Task task = session.task(s.taskName(), s.task());
    Policy policy = session.policy(s.model(), s.taskName(), task);
    EvalReport report = new Evaluator(policy)
        .evaluate(new Evaluator.Request(s.name(), session.nextStageIndex(), 0, 1, s.taskName(), task,
            session.frozen(s.taskName(), s.task()), s.sampling(), session.seed()), session::stopRequested)
        .orElseThrow(() -> Interrupted.beforeLine(s.span().line())); // stopped mid-way: nothing of it was kept
    session.putEval(s.name(), report);
    // a resumed run rereads what it recorded before it stopped, so it computes again but does not record again
    session.recorder().ifPresent(r -> {
      try {
        r.recordEval(report);
      } catch (IOException e) {
        throw new UncheckedIOException("cannot record evaluation " + s.name() + ": " + e.getMessage(), e);
      }
    });
    listener.eval(report);
    return Tables.eval(List.of(report));
  }

  private Object save(Action.Save s) {
    Policy policy = session.policy(s.model());
    Path target = session.saveTarget(s.path());
    try {
      Checkpoint.save(target, policy, Checkpoint.at(session.seed(), "save:" + s.model(), -1, 0), null, null, null);
    } catch (IOException e) {
      Path folder = target.toAbsolutePath().getParent();
      throw new RunError(s.span(), "cannot save " + s.model() + ": "  // the message names the file
          + (Files.isDirectory(folder) && Files.isWritable(folder) ? e.getMessage()
              : "the folder " + folder + " cannot be created or written: save to a folder you can write"));
    }
    String copy = target.equals(s.path()) ? "" : " (the replay's copy of " + s.path() + ", left untouched)";
    return String.format(Locale.ROOT, "saved %s (%,d weights) to %s%s", s.model(), policy.weights().count(), target,
        copy);
  }

  private Object load(Action.Load s) {
    Path source = session.loadSource(s.path());
    if (!Files.isRegularFile(source)) {
      // a replay's folder is not where its source lies, so say how it was chosen
      String base = session.base().isElsewhere() ? " (" + session.base().note() + ")" : "";
      throw new RunError(s.span(), "no checkpoint at " + source + ": save one first with `save "
          + s.model() + " to \"…\"`, or fix the path" + base);
    }
    Checkpoint.Loaded loaded;
    try {
      loaded = Checkpoint.load(source, session.device());
    } catch (EOFException | IllegalArgumentException e) { // the file ends early, or its header is garbage
      throw new RunError(s.span(), "cannot load " + source + ": the checkpoint is truncated or damaged"
          + " (was it copied or saved only in part?): save it again, or load another file");
    } catch (IOException e) {
      throw new RunError(s.span(), "cannot load " + source + ": " + e.getMessage());
    }
    loaded.reference().ifPresent(Policy::close);
    var declared = session.modelSpec(s.model());
    if (declared.isPresent() && !declared.get().equals(loaded.policy().spec())) {
      loaded.policy().close();
      throw new RunError(s.span(), "the checkpoint holds a model of shape " + loaded.meta().spec()
          + " but " + s.model() + " is declared as " + declared.get() + ": declare it with the checkpoint's shape"
          + " or load into a new name");
    }
    session.putPolicy(s.model(), loaded.policy());
    return "loaded " + s.model() + " from " + source;
  }
}
