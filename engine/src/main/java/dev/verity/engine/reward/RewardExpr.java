package dev.verity.engine.reward;

import dev.verity.engine.optim.Schedule;
import dev.verity.engine.task.Task;
import java.math.BigDecimal;
import java.util.List;
import java.util.function.ToDoubleBiFunction;
import java.util.regex.Pattern;
import java.util.regex.PatternSyntaxException;

/**
 * A reward as an expression over terms, evaluated per rollout within its prompt's group (some terms, such as
 * {@code length_penalty}, compare a rollout with the other samples of its prompt). The built-in terms are defined
 * in {@link RewardTerms}; any {@link Term} can take part.
 */
public sealed interface RewardExpr
    permits RewardExpr.Const,
        RewardExpr.Coefficient,
        RewardExpr.Named,
        RewardExpr.Term,
        RewardExpr.Binary,
        RewardExpr.Negate,
        RewardExpr.Call,
        RewardExpr.IfThenElse {

  /** A number. */
  record Const(double value) implements RewardExpr {}

  /** A schedule used as a coefficient, evaluated at the current step: {@code ramp(0 -> 0.5, over: 100)}. */
  record Coefficient(Schedule schedule) implements RewardExpr {}

  /** A reference to a declared reward; its value is recorded per rollout under its name. */
  record Named(String name, RewardExpr body) implements RewardExpr {}

  /**
   * A reward term: one value per rollout of a group, recorded under {@link #name()}. Implementations are
   * immutable values (records): equal terms are computed once per group and share their recorded name.
   */
  non-sealed interface Term extends RewardExpr {
    /** The name its values are recorded under, e.g. {@code exact_answer}. */
    String name();

    /** Rewards this term reads, such as length_penalty's correctness; their values reach the scorer in order. */
    default List<RewardExpr> inputs() {
      return List.of();
    }

    /**
     * The term, prepared once per evaluator (a regex compiled, arguments checked).
     *
     * @throws IllegalArgumentException naming the term and the fix when an argument is bad
     */
    Scorer scorer();
  }

  /** A prepared term: its value for every rollout of the group, given the values of its inputs. */
  @FunctionalInterface
  interface Scorer {
    double[] score(Group group, List<double[]> inputs);

    /** A scorer of terms that look at one rollout at a time. */
    static Scorer perRollout(ToDoubleBiFunction<Rollout, Task> f) {
      return (g, inputs) -> {
        double[] out = new double[g.size()];
        for (int i = 0; i < out.length; i++) {
          out[i] = f.applyAsDouble(g.rollouts().get(i), g.task());
        }
        return out;
      };
    }
  }

  /**
   * 1 if the final answer is exactly right, else 0. Like every verifier here, it scores a truncated response
   * (one that hit max_tokens before its end marker) 0: it is unfinished, whatever its tail reads.
   */
  record ExactAnswer() implements Term {
    @Override
    public String name() {
      return RewardTerms.EXACT_ANSWER.name();
    }

    @Override
    public Scorer scorer() {
      return Scorer.perRollout((r, t) -> r.truncated() ? 0 : Terms.exactAnswer(r.problem(), r.response(), t));
    }
  }

  /** 1 if the final answer parses as a number within {@code tolerance} of the reference, else 0. */
  record NumericAnswer(double tolerance) implements Term {
    @Override
    public String name() {
      return RewardTerms.NUMERIC_ANSWER.name();
    }

    @Override
    public Scorer scorer() {
      Terms.require(tolerance, tolerance >= 0 && Double.isFinite(tolerance),
          "numeric_answer: tolerance must be a number >= 0");
      BigDecimal exact = BigDecimal.valueOf(tolerance); // 0.01 as written, not its binary expansion
      return Scorer.perRollout(
          (r, t) -> r.truncated() ? 0 : Terms.numericAnswer(r.problem(), r.response(), t, exact));
    }
  }

  /** 1 if the whole response matches the regular expression (as written, backslashes kept), else 0. */
  record Format(String regex) implements Term {
    @Override
    public String name() {
      return RewardTerms.FORMAT.name();
    }

    @Override
    public Scorer scorer() {
      Pattern pattern;
      try {
        pattern = Pattern.compile(regex);
      } catch (PatternSyntaxException ex) {
        throw new IllegalArgumentException("format(re\"" + regex + "\"): not a valid regular expression: "
            + ex.getDescription() + " near index " + ex.getIndex(), ex);
      }
      return Scorer.perRollout((r, t) -> !r.truncated() && pattern.matcher(r.response()).matches() ? 1 : 0);
    }
  }

  /** k1.5's group-relative length reward of {@code correctness}: λ if correct, min(0, λ) if not. */
  record LengthPenalty(RewardExpr correctness) implements Term {
    @Override
    public String name() {
      return RewardTerms.LENGTH_PENALTY.name();
    }

    @Override
    public List<RewardExpr> inputs() {
      return List.of(correctness);
    }

    @Override
    public Scorer scorer() {
      return (g, inputs) -> Terms.lengthReward(g.lengths(), inputs.get(0));
    }
  }

  /** DAPO's soft overlong penalty: 0 up to max − buffer, falling linearly to −1 at max, −1 beyond. */
  record Overlong(int max, int buffer) implements Term {
    @Override
    public String name() {
      return RewardTerms.OVERLONG.name();
    }

    @Override
    public Scorer scorer() {
      Terms.require(max, max >= 1, "overlong: max must be >= 1");
      Terms.require(buffer, buffer >= 0 && buffer <= max, "overlong: buffer must be between 0 and max");
      return Scorer.perRollout((r, t) -> Terms.overlong(r.tokens(), max, buffer));
    }
  }

  /** The fraction of the response's n-grams of characters that already occurred earlier in it. */
  record Repetition(int n) implements Term {
    @Override
    public String name() {
      return RewardTerms.REPETITION.name();
    }

    @Override
    public Scorer scorer() {
      Terms.require(n, n >= 1, "repetition: n must be >= 1");
      return Scorer.perRollout((r, t) -> Terms.repetition(r.response(), n));
    }
  }

  /** The response length in tokens. */
  record Length() implements Term {
    @Override
    public String name() {
      return RewardTerms.LENGTH.name();
    }

    @Override
    public Scorer scorer() {
      return Scorer.perRollout((r, t) -> r.tokens());
    }
  }

  /** 1 if the response hit max_tokens before its end marker, else 0. */
  record Truncated() implements Term {
    @Override
    public String name() {
      return RewardTerms.TRUNCATED.name();
    }

    @Override
    public Scorer scorer() {
      return Scorer.perRollout((r, t) -> r.truncated() ? 1 : 0);
    }
  }

  /**
   * Wrong steps of the response, corrected or not: a process-style penalty, for tasks whose steps can be checked
   * (the checker refuses it on others; a check without a task reads the steps as addition's).
   */
  record StepErrors() implements Term {
    @Override
    public String name() {
      return RewardTerms.STEP_ERRORS.name();
    }

    @Override
    public Scorer scorer() {
      return Scorer.perRollout((r, t) -> Terms.stepFacts(r, t).wrongAttempts());
    }
  }

  /** Steps whose last attempt is wrong: errors the response did not correct. */
  record UncorrectedErrors() implements Term {
    @Override
    public String name() {
      return RewardTerms.UNCORRECTED_ERRORS.name();
    }

    @Override
    public Scorer scorer() {
      return Scorer.perRollout((r, t) -> Terms.stepFacts(r, t).uncorrected());
    }
  }

  /** Arithmetic and comparisons; comparisons and logic give 1 or 0, and x / 0 gives 0. */
  record Binary(Op op, RewardExpr left, RewardExpr right) implements RewardExpr {}

  /** {@code -x}. */
  record Negate(RewardExpr operand) implements RewardExpr {}

  /** {@code min(a, b, …)}, {@code max(a, b, …)}. */
  record Call(Function function, List<RewardExpr> arguments) implements RewardExpr {}

  /** {@code if c then a else b}: a where c is non-zero. */
  record IfThenElse(RewardExpr condition, RewardExpr then, RewardExpr otherwise) implements RewardExpr {}

  enum Op {
    ADD, SUB, MUL, DIV, EQ, NE, LT, LE, GT, GE, AND, OR
  }

  enum Function {
    MIN, MAX
  }
}
