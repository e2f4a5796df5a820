package dev.verity.engine.reward;

import dev.verity.engine.optim.Schedule;
import java.util.List;

/**
 * A reward as an expression over built-in terms, evaluated per rollout within its prompt's group (some terms,
 * such as {@code length_penalty}, compare a rollout with the other samples of its prompt).
 */
public sealed interface RewardExpr
    permits RewardExpr.Const,
        RewardExpr.Coefficient,
        RewardExpr.Named,
        RewardExpr.ExactAnswer,
        RewardExpr.NumericAnswer,
        RewardExpr.Format,
        RewardExpr.LengthPenalty,
        RewardExpr.Overlong,
        RewardExpr.Repetition,
        RewardExpr.Length,
        RewardExpr.Truncated,
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

  /** 1 if the final answer is exactly right, else 0. */
  record ExactAnswer() implements RewardExpr {}

  /** 1 if the final answer parses as a number within {@code tolerance} of the reference, else 0. */
  record NumericAnswer(double tolerance) implements RewardExpr {}

  /** 1 if the whole response matches the regular expression (as written, backslashes kept), else 0. */
  record Format(String regex) implements RewardExpr {}

  /** k1.5's group-relative length reward of {@code correctness}: λ if correct, min(0, λ) if not. */
  record LengthPenalty(RewardExpr correctness) implements RewardExpr {}

  /** DAPO's soft overlong penalty: 0 up to max − buffer, falling linearly to −1 at max, −1 beyond. */
  record Overlong(int max, int buffer) implements RewardExpr {}

  /** The fraction of the response's n-grams of characters that already occurred earlier in it. */
  record Repetition(int n) implements RewardExpr {}

  /** The response length in tokens. */
  record Length() implements RewardExpr {}

  /** 1 if the response hit max_tokens before its end marker, else 0. */
  record Truncated() implements RewardExpr {}

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
