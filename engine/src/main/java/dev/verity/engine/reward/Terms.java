package dev.verity.engine.reward;

import dev.verity.engine.task.AnswerRule;
import dev.verity.engine.task.Answers;
import dev.verity.engine.task.ArithmeticSteps;
import dev.verity.engine.task.Problem;
import dev.verity.engine.task.StepFacts;
import dev.verity.engine.task.Task;
import java.math.BigDecimal;
import java.util.HashSet;
import java.util.Optional;
import java.util.Set;

/** The built-in reward terms as pure functions of a rollout (and, for the length reward, its group). */
public final class Terms {
  /** Fails with {@code message} and the value when {@code ok} is false: a term's argument check. */
  static void require(Object value, boolean ok, String message) {
    if (!ok) {
      throw new IllegalArgumentException(message + ", got " + value);
    }
  }


  private Terms() {}

  /**
   * 1 if the answer is right: the task's verifier; without a task, the built-in arithmetic tasks' verifier (the
   * text after the last {@code >}, or the whole response, equal to the reference character for character), so a
   * check without a task is never more lenient than training.
   */
  public static double exactAnswer(Problem problem, String response, Task task) {
    if (task != null) {
      return task.verify(problem, response) ? 1 : 0;
    }
    return Answers.exact(problem, response) ? 1 : 0;
  }

  /**
   * 1 if the final answer and the reference both parse as decimals at most {@code tolerance} apart, else 0.
   * Compared exactly (BigDecimal), so 0.31 is within 0.01 of 0.3.
   */
  public static double numericAnswer(Problem problem, String response, Task task, BigDecimal tolerance) {
    String answer = task != null ? task.extractAnswer(response) : Answers.extract(response);
    BigDecimal got = parseDecimal(answer);
    BigDecimal want = parseDecimal(problem.answer());
    if (got == null || want == null) {
      return 0;
    }
    return got.subtract(want).abs().compareTo(tolerance) <= 0 ? 1 : 0;
  }

  /** The decimal number in {@code text} (surrounding spaces allowed), or null when it is not one. */
  static BigDecimal parseDecimal(String text) {
    return AnswerRule.number(text).orElse(null);
  }

  /**
   * The facts of the rollout's steps: as its task checks them; without a task (a check), as addition's, like
   * exact_answer; none for a task whose steps cannot be checked (the checker refuses step terms there).
   */
  public static StepFacts stepFacts(Rollout rollout, Task task) {
    return (task == null ? Optional.of(ArithmeticSteps.INTEGERS) : task.steps())
        .map(s -> s.facts(rollout.response())).orElse(StepFacts.NONE);
  }

  /** DAPO's soft overlong penalty: 0 up to max − buffer, (max − buffer − len)/buffer up to max, −1 beyond. */
  public static double overlong(int length, int max, int buffer) {
    int free = max - buffer;
    if (length <= free) {
      return 0;
    }
    if (length <= max) {
      return (double) (free - length) / buffer; // buffer > 0 here: with buffer 0, length ≤ free = max above
    }
    return -1;
  }

  /** The fraction of the response's character n-grams that already occurred at an earlier position in it. */
  public static double repetition(String response, int n) {
    int grams = response.length() - n + 1;
    if (grams <= 0) {
      return 0;
    }
    Set<String> seen = new HashSet<>(grams * 2);
    int repeated = 0;
    for (int i = 0; i < grams; i++) {
      if (!seen.add(response.substring(i, i + n))) {
        repeated++;
      }
    }
    return (double) repeated / grams;
  }

  /**
   * k1.5's length reward over one group: λ = 0.5 − (len − min)/(max − min) (0 when all lengths are equal);
   * λ where the correctness reward is at least 1, min(0, λ) elsewhere.
   */
  public static double[] lengthReward(int[] lengths, double[] correctness) {
    int min = Integer.MAX_VALUE;
    int max = Integer.MIN_VALUE;
    for (int len : lengths) {
      min = Math.min(min, len);
      max = Math.max(max, len);
    }
    double[] out = new double[lengths.length];
    if (max == min) {
      return out; // all equal (or an empty group): no length signal
    }
    for (int i = 0; i < lengths.length; i++) {
      double lambda = 0.5 - (double) (lengths[i] - min) / (max - min);
      out[i] = correctness[i] >= 1 ? lambda : Math.min(0, lambda);
    }
    return out;
  }
}
