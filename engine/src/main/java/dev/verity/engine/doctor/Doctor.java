package dev.verity.engine.doctor;

import dev.verity.engine.eval.EvalReport;
import dev.verity.engine.rl.ScoredRollout;
import dev.verity.engine.train.StageListener;
import dev.verity.engine.train.StepMetrics;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Collections;
import java.util.EnumSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.function.Consumer;
import java.util.stream.Collectors;

/**
 * Watches an RL stage and says when it is not learning: a listener that passes everything on to the one it wraps
 * first, then checks its {@link Rule}s and hands each finding to a callback as it happens. Each rule fires at most
 * once per stage. It only reads what the stage reports, so a run with or without it produces the same numbers.
 *
 * <p>A non-finite loss is reported from {@link #onStep}, which the trainer calls before it stops the stage with
 * {@code TrainingDiverged}.
 */
public final class Doctor implements StageListener {
  private final String stage;
  private final DoctorSettings settings;
  private final StageListener next;
  private final Consumer<Finding> found;
  private final History history = new History();
  private final Set<Rule> fired = EnumSet.noneOf(Rule.class);
  private final List<Finding> findings = new ArrayList<>();
  private boolean quiet; // catching up on steps a resumed stage recorded before: their findings are recorded too

  /**
   * @param found receives each finding as it happens (to print, show and record it)
   */
  public Doctor(String stage, DoctorSettings settings, StageListener next, Consumer<Finding> found) {
    this.stage = stage;
    this.settings = settings;
    this.next = next;
    this.found = found;
  }

  /**
   * Goes through what a resumed stage did before its checkpoint, in the order it happened, without reporting
   * again what was found then: the stage then goes on as if it had never stopped, and a rule that fired before the
   * stop does not fire again.
   *
   * @param truncatedShares the share of each step's rollouts cut at max_tokens, by step
   */
  public void catchUp(List<StepMetrics> rows, List<EvalReport> evals, Map<Long, Double> truncatedShares) {
    quiet = true;
    try {
      evals.stream().filter(e -> e.step() == 0).forEach(this::eval);
      for (StepMetrics row : rows) {
        Double share = truncatedShares.get(row.step());
        if (share != null) {
          history.rollouts(row.step(), share);
        }
        step(row);
        evals.stream().filter(e -> e.step() == row.step() + 1).forEach(this::eval);
      }
    } finally {
      quiet = false;
    }
  }

  /** What it found in this stage so far, in order (those a resumed stage found before it stopped included). */
  public List<Finding> findings() {
    return Collections.unmodifiableList(findings);
  }

  /** {@code doctor: 2 findings (zero_std, truncated)}; empty when it found nothing. */
  public String summary() {
    if (findings.isEmpty()) {
      return "";
    }
    return "doctor: " + findings.size() + (findings.size() == 1 ? " finding (" : " findings (")
        + findings.stream().map(Finding::rule).collect(Collectors.joining(", ")) + ")";
  }

  @Override
  public void onRollouts(String name, long step, List<ScoredRollout> rollouts) {
    next.onRollouts(name, step, rollouts);
    if (!rollouts.isEmpty()) {
      long cut = rollouts.stream().filter(ScoredRollout::truncated).count();
      history.rollouts(step, (double) cut / rollouts.size());
    }
  }

  @Override
  public void onStep(StepMetrics metrics) {
    next.onStep(metrics);
    step(metrics);
  }

  @Override
  public void onEval(EvalReport report) {
    next.onEval(report);
    eval(report);
  }

  @Override
  public void onCheckpoint(Path file, long nextStep) {
    next.onCheckpoint(file, nextStep);
  }

  @Override
  public boolean stopRequested() {
    return next.stopRequested();
  }

  private void step(StepMetrics row) {
    history.step(row);
    check(false, row.step());
  }

  private void eval(EvalReport report) {
    history.eval(report.step(), report.overall().accuracy());
    check(true, report.step() - 1); // it follows the step before it
  }

  private void check(boolean afterEval, long step) {
    if (!settings.on()) {
      return;
    }
    for (Rule rule : Rule.values()) {
      if (rule.afterEval() != afterEval || fired.contains(rule)) {
        continue;
      }
      rule.check(history, settings).ifPresent(d -> {
        fired.add(rule);
        Finding finding = new Finding(stage, Math.max(0, step), rule.id(), d.message(), d.suggestion());
        findings.add(finding);
        if (!quiet) {
          found.accept(finding);
        }
      });
    }
  }
}
