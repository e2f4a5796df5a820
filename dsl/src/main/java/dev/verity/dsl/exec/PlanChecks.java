package dev.verity.dsl.exec;

import dev.verity.dsl.ast.Span;
import dev.verity.dsl.plan.Action;
import dev.verity.dsl.plan.Plan;
import dev.verity.engine.report.Verdict;
import dev.verity.engine.task.Task;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * The {@code check} statements of a checked plan, run without a session, as {@code verity check} runs them: a
 * check scores one written response with a reward and no model, so it costs no training and no tensor engine.
 */
public final class PlanChecks {
  private PlanChecks() {}

  /** A check that does not hold: where it is and what it got. */
  public record Failure(Span span, String message) {}

  /** Every failed check of {@code plan}, in plan order; empty when all hold. */
  public static List<Failure> failures(Plan plan) {
    Map<Action.TaskRef, Task> tasks = new HashMap<>(); // each task built once
    List<Failure> failed = new ArrayList<>();
    for (Action step : plan.steps()) {
      if (step instanceof Action.Check check) {
        Task task = check.task().map(t -> tasks.computeIfAbsent(t, r -> r.spec().create())).orElse(null);
        Verdict verdict = Checks.run(check, task);
        if (!verdict.passed()) {
          failed.add(new Failure(check.span(), Checks.failure(verdict)));
        }
      }
    }
    return List.copyOf(failed);
  }
}
