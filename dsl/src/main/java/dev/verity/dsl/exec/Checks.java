package dev.verity.dsl.exec;

import dev.verity.dsl.plan.Step;
import dev.verity.engine.report.Verdict;
import dev.verity.engine.reward.RewardEvaluator;
import dev.verity.engine.reward.RewardExpr;
import dev.verity.engine.reward.RewardResult;
import dev.verity.engine.reward.Rollout;
import dev.verity.engine.task.Problem;
import java.util.Locale;
import java.util.Map;
import java.util.stream.Collectors;

/** {@code check reward(prompt:, response:, answer:) == v}: a reward unit test, run at once. */
final class Checks {
  private Checks() {}

  static Verdict run(Step.Check s) {
    Problem problem = new Problem(s.prompt() == null ? "" : s.prompt(), s.answer() == null ? "" : s.answer(), 0);
    // character-level model: a response's length in tokens is its length in characters
    Rollout rollout = new Rollout(problem, s.response(), s.response().length(), false);
    RewardResult result = new RewardEvaluator(s.reward()).evaluate(rollout, null, 0, 1);
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
