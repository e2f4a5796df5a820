package dev.verity.engine.reward;

import dev.verity.engine.catalog.ArgumentException;
import dev.verity.engine.catalog.Definition;
import dev.verity.engine.catalog.Param;
import dev.verity.engine.catalog.ParamType;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/** The built-in reward terms and functions, each defined once: name, parameters, documentation, factory. */
public final class RewardTerms {
  private RewardTerms() {}

  public static final Definition<RewardExpr> EXACT_ANSWER = Definition.of("exact_answer",
      "1 if the final answer is exactly right, else 0: the task's verifier (countdown accepts any expression"
          + " reaching the target). In a check without task: as strict as addition's: what follows the last >"
          + " (else the whole response) must equal the answer character for character, without trimming. A"
          + " truncated response (max_tokens reached before its end marker) is unfinished: 0.",
      List.of(), a -> new RewardExpr.ExactAnswer());

  public static final Definition<RewardExpr> NUMERIC_ANSWER = Definition.of("numeric_answer",
      "1 if the final answer is a number within tolerance of the reference, else 0; 0 if truncated.",
      List.of(Param.number("tolerance").atLeast(0).byDefault(0.0).doc("largest accepted absolute difference")),
      a -> new RewardExpr.NumericAnswer(a.number("tolerance")));

  public static final Definition<RewardExpr> FORMAT = Definition.of("format",
      "1 if the whole response matches the regex, else 0; 0 if truncated (an unfinished response).",
      List.of(Param.of("pattern", ParamType.REGEX).unnamed().doc("a regex the whole response must match")),
      a -> new RewardExpr.Format(a.text("pattern")));

  public static final Definition<RewardExpr> LENGTH_PENALTY = Definition.of("length_penalty",
      "k1.5's group-relative length reward: λ if correct, min(0, λ) if not.",
      List.of(Param.reward("reward").unnamed().doc("the correctness the penalty depends on")),
      a -> new RewardExpr.LengthPenalty(a.reward("reward")));

  public static final Definition<RewardExpr> OVERLONG = Definition.of("overlong",
      "DAPO's soft overlong penalty: 0 up to max − buffer, down to −1 at max.",
      List.of(Param.whole("max").atLeast(1).doc("length at which the penalty reaches −1"),
          Param.whole("buffer").atLeast(1).doc("length over which it falls from 0 to −1")),
      a -> {
        if (a.whole("buffer") > a.whole("max")) {
          throw new ArgumentException("buffer", "'buffer' must not exceed 'max' (" + a.whole("max") + "), got "
              + a.whole("buffer"));
        }
        return new RewardExpr.Overlong(a.whole("max"), a.whole("buffer"));
      });

  public static final Definition<RewardExpr> REPETITION = Definition.of("repetition",
      "The fraction of the response's n-grams already seen earlier in it.",
      List.of(Param.whole("n").atLeast(1).byDefault(3).doc("n-gram length in characters")),
      a -> new RewardExpr.Repetition(a.whole("n")));

  public static final Definition<RewardExpr> LENGTH = Definition.of("len", "The response length in tokens.",
      List.of(), a -> new RewardExpr.Length());

  public static final Definition<RewardExpr> TRUNCATED = Definition.of("truncated",
      "1 if the response hit max_tokens before its end marker, else 0.", List.of(), a -> new RewardExpr.Truncated());

  public static final Definition<RewardExpr> STEP_ERRORS = Definition.of("step_errors",
      "The response's wrong steps, corrected or not: a step (expression=value|) whose value is not its"
          + " expression's, each attempt before and after a correction mark ! counted (addition, multiplication,"
          + " modchain; in a check without task, as addition's). A process-style penalty: exact_answer - 0.1 * step_errors.",
      List.of(), a -> new RewardExpr.StepErrors());

  public static final Definition<RewardExpr> UNCORRECTED_ERRORS = Definition.of("uncorrected_errors",
      "The response's steps whose last attempt is wrong: errors it did not correct with ! (addition,"
          + " multiplication, modchain).",
      List.of(), a -> new RewardExpr.UncorrectedErrors());

  /** Terms that read a task's checkable steps: a stage's task must have them. */
  public static final List<Definition<RewardExpr>> STEP_TERMS = List.of(STEP_ERRORS, UNCORRECTED_ERRORS);

  /** min and max take two or more rewards; the parameters name the first two. */
  private static List<Param> twoOrMore() {
    return List.of(Param.reward("a").unnamed(), Param.reward("b").unnamed());
  }

  public static final Definition<RewardExpr> MIN = Definition.of("min", "The smallest of two or more rewards.",
      twoOrMore(), a -> new RewardExpr.Call(RewardExpr.Function.MIN, List.of(a.reward("a"), a.reward("b"))));

  public static final Definition<RewardExpr> MAX = Definition.of("max", "The largest of two or more rewards.",
      twoOrMore(), a -> new RewardExpr.Call(RewardExpr.Function.MAX, List.of(a.reward("a"), a.reward("b"))));

  /** Every built-in term and function, in the order the reference lists them. */
  public static final List<Definition<RewardExpr>> BUILT_IN = List.of(EXACT_ANSWER, NUMERIC_ANSWER, FORMAT,
      LENGTH_PENALTY, OVERLONG, REPETITION, LENGTH, TRUNCATED, STEP_ERRORS, UNCORRECTED_ERRORS, MIN, MAX);

  /** The functions among them, which take any number of rewards. */
  public static final List<Definition<RewardExpr>> FUNCTIONS = List.of(MIN, MAX);

  /** The names of the terms {@code e} reads, declared rewards and terms' inputs included, in order. */
  public static List<String> termNames(RewardExpr e) {
    return terms(e).stream().map(RewardExpr.Term::name).toList();
  }

  /** The terms {@code e} reads, declared rewards and terms' inputs included, in order. */
  public static List<RewardExpr.Term> terms(RewardExpr e) {
    List<RewardExpr.Term> out = new ArrayList<>();
    collect(e, out);
    return out;
  }

  private static void collect(RewardExpr e, List<RewardExpr.Term> out) {
    if (e instanceof RewardExpr.Named n) {
      collect(n.body(), out);
    } else if (e instanceof RewardExpr.Term t) {
      out.add(t);
      t.inputs().forEach(i -> collect(i, out));
    } else if (e instanceof RewardExpr.Binary b) {
      collect(b.left(), out);
      collect(b.right(), out);
    } else if (e instanceof RewardExpr.Negate n) {
      collect(n.operand(), out);
    } else if (e instanceof RewardExpr.Call c) {
      c.arguments().forEach(a -> collect(a, out));
    } else if (e instanceof RewardExpr.IfThenElse i) {
      collect(i.condition(), out);
      collect(i.then(), out);
      collect(i.otherwise(), out);
    }
  }

  public static Optional<Definition<RewardExpr>> find(String name) {
    return BUILT_IN.stream().filter(d -> d.name().equals(name)).findFirst();
  }
}
