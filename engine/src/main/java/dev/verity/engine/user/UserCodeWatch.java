package dev.verity.engine.user;

import dev.verity.engine.doctor.Finding;
import dev.verity.engine.eval.EvalReport;
import dev.verity.engine.metric.Metric;
import dev.verity.engine.rl.ScoredRollout;
import dev.verity.engine.train.StageListener;
import dev.verity.engine.train.StepMetrics;
import java.nio.file.Path;
import java.util.List;
import java.util.Optional;
import java.util.function.Consumer;

/**
 * Says, once per stage, that user code failed: at the first step whose {@code user_code_errors} is above 0, a
 * finding (rule {@value #RULE}) with the first failure's message, handed to the same callback as the doctor's so
 * it is shown live and recorded in doctor.jsonl. Independent of the doctor's settings: {@code doctor: off} does
 * not hide broken user code. It passes everything on first and changes nothing the stage computes.
 */
public final class UserCodeWatch implements StageListener {
  /** The rule name of its finding. */
  public static final String RULE = "user_code";

  private final String stage;
  private final List<UserCode> guards;
  private final StageListener next;
  private final Consumer<Finding> found;
  private boolean reported;

  public UserCodeWatch(String stage, List<UserCode> guards, StageListener next, Consumer<Finding> found) {
    this.stage = stage;
    this.guards = List.copyOf(guards);
    this.next = next;
    this.found = found;
  }

  @Override
  public void onStep(StepMetrics metrics) {
    next.onStep(metrics);
    double errors = metrics.get(Metric.USER_CODE_ERRORS);
    if (!reported && errors > 0) {
      reported = true;
      String first = guards.stream().map(UserCode::firstError).flatMap(Optional::stream).findFirst()
          .orElse("(no message)");
      found.accept(new Finding(stage, metrics.step(), RULE, String.format("%.0f %s of user code failed and scored"
          + " 0 (user_code_errors); the first: %s", errors, errors == 1 ? "call" : "calls", first),
          "fix the class and run again; until then the run goes on, each failing call scoring 0"));
    }
  }

  @Override
  public void onRollouts(String name, long step, List<ScoredRollout> rollouts) {
    next.onRollouts(name, step, rollouts);
  }

  @Override
  public void onCheckpoint(Path file, long nextStep) {
    next.onCheckpoint(file, nextStep);
  }

  @Override
  public void onEval(EvalReport report) {
    next.onEval(report);
  }

  @Override
  public boolean stopRequested() {
    return next.stopRequested();
  }
}
