package dev.verity.dsl.exec;

import dev.verity.dsl.plan.Action;
import dev.verity.engine.report.Verdict;
import dev.verity.engine.reward.NonFiniteReward;
import dev.verity.engine.reward.RewardEvaluator;
import dev.verity.engine.reward.RewardExpr;
import dev.verity.engine.reward.RewardResult;
import dev.verity.engine.reward.Rollout;
import dev.verity.engine.task.Problem;
import dev.verity.engine.task.Task;
import dev.verity.engine.user.UserCode;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.stream.Collectors;

/**
 * {@code check reward(prompt:, response:, answer:[, task:]) == v}: a reward unit test, run at once. It scores the
 * rollout the way RL does — RlTrainer's {@link RewardEvaluator#evaluate}, with the task named by {@code task:} —
 * so its verdict is the reward training would give; without a task, the answer terms use the built-in arithmetic
 * tasks' strict verifier.
 */
final class Checks {
  private Checks() {}

  /**
   * The verdict; a failed one is a {@link RunError} at the check when the session stops at failed checks (a
   * headless run must not go on to train on a reward its own test says is wrong).
   */
  static Verdict run(Action.Check s, Session session) {
    Task task = s.task().map(t -> session.task(t.name(), t.spec())).orElse(null);
    Verdict verdict = run(s, task);
    if (!verdict.passed() && session.stopsAtFailedChecks()) {
      throw new RunError(s.span(), failure(verdict));
    }
    return verdict;
  }

  /** What a failed check says where it stops a run or a {@code verity check}. */
  static String failure(Verdict verdict) {
    // the text is "check SOURCE: got V [terms]": the comparison as written and what the reward gave
    return verdict.text().replaceFirst("^check ", "check failed: ") + "; fix the reward or the check";
  }

  /**
   * The verdict with {@code task}'s verifier, or the strict one when {@code task} is null. A call into the user's
   * Java code (a reward term, the task's verifier) that throws or overruns fails the check with what went wrong:
   * in training such a call scores 0, which the check must not pass off as the reward.
   */
  static Verdict run(Action.Check s, Task task) {
    Problem problem = new Problem(s.prompt() == null ? "" : s.prompt(), s.answer() == null ? "" : s.answer(), 0);
    // character-level model: a response's length in tokens is its length in characters
    Rollout rollout = new Rollout(problem, s.response(), s.response().length(), false);
    List<UserCode> guards = UserCode.usedBy(task, s.reward());
    long[] before = guards.stream().mapToLong(UserCode::errors).toArray();
    RewardResult result;
    try {
      result = new RewardEvaluator(s.reward()).evaluate(rollout, task, 0, 1);
    } catch (NonFiniteReward e) {
      return new Verdict(false, "check " + s.source() + ": " + e.getMessage());
    }
    List<String> failures = new ArrayList<>();
    for (int i = 0; i < guards.size(); i++) {
      if (guards.get(i).errors() > before[i]) {
        guards.get(i).lastError().ifPresent(failures::add);
      }
    }
    if (!failures.isEmpty()) {
      return new Verdict(false, "check " + s.source() + ": the reward could not be scored: "
          + String.join("; ", failures) + " (in training a failed call scores 0 and counts in user_code_errors)");
    }
    boolean passed = compare(result.total(), s.op(), s.expected());
    String terms = result.terms().size() <= 1 ? ""
        : " [" + result.terms().entrySet().stream().map(Checks::term).collect(Collectors.joining(", ")) + "]";
    return new Verdict(passed, String.format(Locale.ROOT, "check %s: got %s%s", s.source(), number(result.total()), terms));
  }

  private static String term(Map.Entry<String, Double> e) {
    return e.getKey() + " = " + number(e.getValue());
  }

  static boolean compare(double value, RewardExpr.Op op, double expected) {
    double eps = 1e-9;
    switch (op) {
      case EQ: return Math.abs(value - expected) <= eps;
      case NE: return Math.abs(value - expected) > eps;
      case LT: return value < expected;
      case LE: return value <= expected + eps;
      case GT: return value > expected;
      case GE: return value >= expected - eps;
      default: throw new IllegalArgumentException("a check compares with ==, !=, <, <=, > or >=, not " + op);
    }
  }

  static String number(double v) {
    return v == Math.rint(v) && Math.abs(v) < 1e15 ? Long.toString((long) v) : String.format(Locale.ROOT, "%.4g", v);
  }
}
