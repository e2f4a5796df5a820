package dev.verity.dsl.builtin;

import dev.verity.engine.model.ModelSpec;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * The one table of built-ins — statements and their settings, tasks, models, reward terms, schedules, sampling,
 * algorithms, KL estimators, curricula, trace mixes, table sources, metrics and plot axes — read by the checker,
 * the reference page generator ({@code docs/dsl.md}) and editor assistance.
 */
public final class Builtins {
  private Builtins() {}

  /** Metrics recorded per training step (metrics.csv), in column order. */
  public static final List<String> STAGE_METRICS = List.of(
      "reward_mean", "accuracy", "response_len_mean", "response_len_p90", "kl", "entropy", "loss", "lr",
      "grad_norm", "frac_zero_std", "tokens_per_s", "elapsed_s");

  /**
   * A stage's periodic evaluation ({@code eval: T with S every N}) by step: plotted by step beside the stage's
   * own metrics, e.g. greedy accuracy of several runs on one chart.
   */
  public static final List<String> PERIODIC_EVAL_METRICS =
      List.of("eval_accuracy", "eval_pass_at_k", "eval_response_len_mean");

  /** Metrics of an evaluation, per difficulty level. */
  public static final List<String> EVAL_METRICS =
      List.of("accuracy", "pass_at_k", "response_len_mean", "response_len_p90");

  /** Statement keywords, in the order the docs list them. */
  public static final List<String> STATEMENTS = List.of(
      "experiment", "task", "model", "reward", "check", "sampling", "sft", "rl", "eval", "plot", "table", "save",
      "load");

  private static final ModelSpec D = ModelSpec.DEFAULT;

  private static final List<Builtin> ALL = List.of(
      // Statements; sft, rl and eval list their block settings as parameters.
      statement("experiment", "experiment \"NAME\" seed N",
          "Names the run and fixes all randomness; the seed defaults to 0."),
      statement("task", "task NAME = TASK(…)", "Declares a task: a built-in problem generator and exact verifier."),
      statement("model", "model NAME = gpt(…) | copy(MODEL)",
          "Declares a policy: a fresh GPT, or a copy of another model's weights at the time it runs. A model reads"
              + " one token per character, and its alphabet is fixed at its first use (sft, rl, eval, save or"
              + " copy): the characters of every task declared before then. Declare every task a model will see"
              + " before its first use; the checker reports a task with characters outside it."),
      statement("reward", "reward NAME = EXPRESSION",
          "Declares a reward: built-in terms combined with + - * /, min, max, if … then … else …, schedules."),
      statement("check", "check REWARD(prompt: \"…\", response: \"…\", answer: \"…\"[, task: TASK]) == NUMBER",
          "A reward unit test, run at once; also != < <= > >=. With task: TASK it scores exactly as RL on that"
              + " task does (its verifier); without, as exact_answer() says. A failed check stops verity run"
              + " (exit 1); a notebook shows it and goes on."),
      statement("sampling", "sampling NAME = sample(…)", "Declares how responses are drawn."),
      new Builtin("sft", Kind.STATEMENT, List.of(
          opt("traces", Type.TRACES, "direct", "reference trace style, or a mix of styles by weight"),
          req("steps", Type.INT, Bound.atLeast(1), "optimiser steps"),
          opt("batch", Type.INT, "64", Bound.atLeast(1), "problems per step"),
          opt("lr", Type.SCHEDULE, "constant(1e-3)", Bound.atLeast(0), "learning rate (AdamW)"),
          opt("weight_decay", Type.NUMBER, "0.0", Bound.atLeast(0), "AdamW weight decay"),
          opt("clip", Type.NUMBER, "1.0", Bound.atLeast(0), "gradient-norm clip; 0 turns it off"),
          opt("eval", Type.PERIODIC_EVAL, "none", "evaluate on a task during training: TASK with SAMPLING every N")),
          "Supervised fine-tuning on the task's reference traces (loss on response tokens only).",
          "sft [LABEL:] MODEL on TASK { SETTINGS }"),
      new Builtin("rl", Kind.STATEMENT, List.of(
          req("reward", Type.REWARD, Bound.NONE, "the reward: a declared name or an expression"),
          req("sampling", Type.SAMPLING, Bound.NONE, "how responses are drawn; per_prompt = k samples per prompt"),
          opt("prompts", Type.INT, "32", Bound.atLeast(1), "prompts per step, each sampled per_prompt times"),
          opt("algorithm", Type.ALGORITHM, "reinforce(baseline: group_mean)", "advantage and loss"),
          opt("epochs", Type.INT, "1", Bound.atLeast(1),
              "optimiser steps per batch; more than 1 only with what corrects for reused samples: the clipped"
              + " algorithms (grpo, dr_grpo, reinforce_pp) and k15"),
          opt("kl", Type.KL, "none", "KL penalty to a reference"),
          opt("lr", Type.SCHEDULE, "constant(1e-4)", Bound.atLeast(0), "learning rate (AdamW)"),
          req("steps", Type.INT, Bound.atLeast(1), "RL steps"),
          opt("curriculum", Type.CURRICULUM, "none", "moves the task's difficulty knob over the steps"),
          choice("prioritize", "uniform", List.of("uniform", "failure_rate"),
              "uniform: fresh problems; failure_rate: problems drawn ∝ 1 − success rate"),
          opt("eval", Type.PERIODIC_EVAL, "none", "evaluate on a task during training: TASK with SAMPLING every N"),
          opt("weight_decay", Type.NUMBER, "0.0", Bound.atLeast(0), "AdamW weight decay"),
          opt("clip", Type.NUMBER, "1.0", Bound.atLeast(0), "gradient-norm clip; 0 turns it off")),
          "Reinforcement learning with the reward as verifier: sample, score, form advantages, step.",
          "rl [LABEL:] MODEL on TASK { SETTINGS }"),
      new Builtin("eval", Kind.STATEMENT, List.of(
          opt("count", Type.INT, "256", Bound.atLeast(1),
              "problems to evaluate; a frozen task is used whole unless count is given")),
          "Evaluates a model: accuracy, pass@k (k = per_prompt), response lengths, per difficulty level.",
          "eval [LABEL:] MODEL on TASK [with SAMPLING] [{ count: N }]"),
      statement("plot", "plot METRIC, … by step | level | response_len_mean [for NAME, …]",
          "Charts metrics of stages (by step, by response_len_mean) or evaluations (by level); default: the last."),
      statement("table", "table rollouts(last: N) | metrics(last: N) | NAME [for NAME]",
          "Shows rollouts or metrics of a stage (default: the last), or an evaluation's results per level."),
      statement("save", "save MODEL to \"PATH\"", "Writes a checkpoint (atomically)."),
      statement("load", "load MODEL from \"PATH\"",
          "Reads a checkpoint into MODEL, declaring it when it is not declared yet. The model keeps the"
              + " checkpoint's alphabet; a task with other characters fails when it runs, naming them."),

      // Tasks. The first range parameter is the difficulty knob that curricula move.
      new Builtin("addition", Kind.TASK, List.of(
          opt("digits", Type.RANGE, "2..6", Bound.between(1, 12), "operand digits (the difficulty knob)"),
          count()), "a+b= with operands of the given digits; scratchpad: digit by digit with carries.", ""),
      new Builtin("multiplication", Kind.TASK, List.of(
          opt("digits", Type.RANGE, "1..3", Bound.between(1, 6), "operand digits (the difficulty knob)"),
          count()), "a*b= with operands of the given digits.", ""),
      new Builtin("countdown", Kind.TASK, List.of(
          opt("numbers", Type.RANGE, "3..4", Bound.between(2, 6), "how many numbers are given (the knob)"),
          opt("target", Type.RANGE, "10..100", Bound.between(1, 10000), "the range targets are drawn from"),
          count()), "Reach the target from the given numbers; any valid expression is accepted.", ""),
      new Builtin("modchain", Kind.TASK, List.of(
          opt("depth", Type.RANGE, "1..4", Bound.between(1, 10), "chained operations (the difficulty knob)"),
          opt("modulus", Type.INT, "10", Bound.between(2, 1000), "the modulus"),
          count()), "Chained modular arithmetic of the given depth.", ""),
      new Builtin("jsonl", Kind.TASK, List.of(
          pos(req("path", Type.PATH, Bound.NONE, "a JSON-lines file, one problem per line")),
          req("prompt", Type.STRING, Bound.NONE, "the field holding the prompt"),
          req("answer", Type.STRING, Bound.NONE, "the field holding the exact answer"),
          opt("trace", Type.STRING, "none", "a field with a step-by-step solution (enables scratchpad traces)"),
          opt("level", Type.STRING, "none", "an integer field used as difficulty (enables curricula)"),
          count()), "User data: problems read from a JSON-lines file.", ""),

      // Models.
      new Builtin("gpt", Kind.MODEL, List.of(
          opt("layers", Type.INT, Integer.toString(D.layers()), Bound.atLeast(1), "transformer blocks"),
          opt("heads", Type.INT, Integer.toString(D.heads()), Bound.atLeast(1), "attention heads; must divide dim"),
          opt("dim", Type.INT, Integer.toString(D.dim()), Bound.atLeast(1), "embedding width"),
          opt("context", Type.INT, Integer.toString(D.context()), Bound.atLeast(2),
              "longest sequence in tokens: prompt + response + markers")),
          "A fresh decoder-only transformer, initialised from the experiment's seed. Its alphabet is the"
              + " characters of the tasks declared before its first use, so declare them all before that.", ""),
      new Builtin("copy", Kind.MODEL, List.of(pos(req("model", Type.MODEL, Bound.NONE, "the model to copy"))),
          "A copy of another model's weights at the time the statement runs.", ""),

      // Sampling.
      new Builtin("sample", Kind.SAMPLING, List.of(
          opt("temperature", Type.SCHEDULE, "1", Bound.atLeast(0), "0 is greedy; may follow a schedule"),
          opt("top_k", Type.INT, "0", Bound.atLeast(0), "keep the k likeliest tokens; 0 turns it off"),
          opt("top_p", Type.NUMBER, "1", Bound.aboveUpTo(0, 1), "nucleus sampling; 1 turns it off"),
          opt("max_tokens", Type.INT, "128", Bound.atLeast(1), "the response length limit"),
          opt("per_prompt", Type.INT, "1", Bound.atLeast(1), "responses per prompt (k)"),
          opt("min_tokens", Type.INT, "0", Bound.atLeast(0),
              "the end marker may not come before this many tokens; 0 turns it off")),
          "How responses are drawn.", ""),

      // Reward terms.
      new Builtin("exact_answer", Kind.REWARD_TERM, List.of(),
          "1 if the final answer is exactly right, else 0: the task's verifier (countdown accepts any expression"
          + " reaching the target). In a check without task: as strict as addition's: what follows the last >"
          + " (else the whole response) must equal the answer character for character, without trimming.", ""),
      new Builtin("numeric_answer", Kind.REWARD_TERM, List.of(
          opt("tolerance", Type.NUMBER, "0", Bound.atLeast(0), "largest accepted absolute difference")),
          "1 if the final answer is a number within tolerance of the reference, else 0.", ""),
      new Builtin("format", Kind.REWARD_TERM, List.of(
          pos(req("pattern", Type.REGEX, Bound.NONE, "a regex the whole response must match"))),
          "1 if the whole response matches the regex, else 0.", ""),
      new Builtin("length_penalty", Kind.REWARD_TERM, List.of(
          pos(req("reward", Type.REWARD, Bound.NONE, "the correctness the penalty depends on"))),
          "k1.5's group-relative length reward: λ if correct, min(0, λ) if not.", ""),
      new Builtin("overlong", Kind.REWARD_TERM, List.of(
          req("max", Type.INT, Bound.atLeast(1), "length at which the penalty reaches −1"),
          req("buffer", Type.INT, Bound.atLeast(1), "length over which it falls from 0 to −1")),
          "DAPO's soft overlong penalty: 0 up to max − buffer, down to −1 at max.", ""),
      new Builtin("repetition", Kind.REWARD_TERM, List.of(
          opt("n", Type.INT, "3", Bound.atLeast(1), "n-gram length in characters")),
          "The fraction of the response's n-grams already seen earlier in it.", ""),
      new Builtin("len", Kind.REWARD_TERM, List.of(), "The response length in tokens.", "len"),
      new Builtin("truncated", Kind.REWARD_TERM, List.of(),
          "1 if the response hit max_tokens before its end marker, else 0.", "truncated"),
      new Builtin("min", Kind.REWARD_TERM, List.of(
          pos(req("a", Type.REWARD, Bound.NONE, "")), pos(req("b", Type.REWARD, Bound.NONE, ""))),
          "The smallest of two or more rewards.", "min(a, b, …)"),
      new Builtin("max", Kind.REWARD_TERM, List.of(
          pos(req("a", Type.REWARD, Bound.NONE, "")), pos(req("b", Type.REWARD, Bound.NONE, ""))),
          "The largest of two or more rewards.", "max(a, b, …)"),

      // Schedules: any numeric setting with a schedule type, and reward coefficients.
      new Builtin("constant", Kind.SCHEDULE, List.of(pos(req("value", Type.NUMBER, Bound.NONE, ""))),
          "The same value at every step.", ""),
      new Builtin("linear", Kind.SCHEDULE, List.of(
          pos(req("change", Type.NUMBER_ARROW, Bound.NONE, "from -> to")),
          opt("over", Type.INT, "0", Bound.atLeast(0), "steps; 0 stretches over the whole stage")),
          "From a to b linearly over the steps, then held.", ""),
      new Builtin("cosine", Kind.SCHEDULE, List.of(
          pos(req("change", Type.NUMBER_ARROW, Bound.NONE, "from -> to")),
          opt("warmup", Type.INT, "0", Bound.atLeast(0), "steps of linear warmup from 0")),
          "Linear warmup, then half a cosine from a down to b at the end of the stage.", ""),
      new Builtin("ramp", Kind.SCHEDULE, List.of(
          pos(req("change", Type.NUMBER_ARROW, Bound.NONE, "from -> to")),
          req("over", Type.INT, Bound.atLeast(1), "steps of the rise"),
          opt("start", Type.INT, "0", Bound.atLeast(0), "step at which the rise begins")),
          "Holds a until start, rises linearly to b over the steps, then holds.", ""),
      new Builtin("step", Kind.SCHEDULE, List.of(
          pos(req("value", Type.NUMBER, Bound.NONE, "the starting value")),
          req("every", Type.INT, Bound.atLeast(1), "steps between changes"),
          req("factor", Type.NUMBER, Bound.above(0), "multiplier at each change")),
          "The value, multiplied by factor every so many steps.", ""),

      // Algorithms.
      new Builtin("reinforce", Kind.ALGORITHM, List.of(
          choice("baseline", "group_mean", List.of("group_mean", "batch_mean", "none"),
              "subtracted from each reward")),
          "REINFORCE; k1.5 uses the group-mean baseline: A = r − mean of the prompt's k samples.", ""),
      new Builtin("grpo", Kind.ALGORITHM, List.of(opt("clip", Type.NUMBER, "0.2", Bound.strictlyBetween(0, 1), "ratio clip ε: the ratio is kept in [1 − ε, 1 + ε]")),
          "GRPO: A = (r − r̄)/(std + ε), PPO-clipped token ratio, per-sequence mean.", ""),
      new Builtin("dr_grpo", Kind.ALGORITHM, List.of(opt("clip", Type.NUMBER, "0.2", Bound.strictlyBetween(0, 1), "ratio clip ε: the ratio is kept in [1 − ε, 1 + ε]")),
          "Dr. GRPO: A = r − r̄, clipped ratio, token sum divided by max_tokens.", ""),
      new Builtin("rloo", Kind.ALGORITHM, List.of(), "RLOO: A = k/(k−1) · (r − r̄).", ""),
      new Builtin("reinforce_pp", Kind.ALGORITHM, List.of(
          opt("clip", Type.NUMBER, "0.2", Bound.strictlyBetween(0, 1), "ratio clip ε: the ratio is kept in [1 − ε, 1 + ε]")),
          "REINFORCE++: A = (r − batch mean)/batch std, clipped token ratio.", ""),
      new Builtin("k15", Kind.ALGORITHM, List.of(opt("tau", Type.NUMBER, "0.05", Bound.above(0), "weight τ of the squared log-ratio penalty")),
          "k1.5 mirror descent: −A·log π + (τ/2)(log π/π_prev)², π_prev the policy that sampled the batch. The"
              + " τ term is zero on a batch's first optimiser step, so k15 needs epochs ≥ 2 (at 1 it is"
              + " reinforce(baseline: group_mean)).", ""),

      // KL estimators.
      kl("k1", "k1 = log(π/π_ref)."),
      kl("k2", "k2 = ½(log(π/π_ref))²."),
      kl("k3", "k3 = π_ref/π − log(π_ref/π) − 1 (unbiased, always ≥ 0)."),

      // Curricula: the schedule shapes that can move a range; each moves both ends by the schedule's progress
      // from 0 to 1 and rounds them to the nearest level. step is absent: a factor means nothing for a range.
      new Builtin("constant", Kind.CURRICULUM, List.of(
          pos(req("levels", Type.RANGE, Bound.NONE,
              "the range; may be named after the task's knob, e.g. digits: 2..4"))),
          "Holds the task's difficulty range at a..b for the whole stage.",
          "constant(KNOB: a..b)"),
      new Builtin("linear", Kind.CURRICULUM, List.of(levels(),
          opt("over", Type.INT, "0", Bound.atLeast(0), "steps; 0 stretches over the whole stage")),
          "Moves the task's difficulty range from a..b to c..d linearly over the steps, then holds it.",
          "linear(KNOB: a..b -> c..d, over: N)"),
      new Builtin("cosine", Kind.CURRICULUM, List.of(levels(),
          opt("warmup", Type.INT, "0", Bound.atLeast(0), "steps that hold a..b before it moves")),
          "Holds a..b for the warmup, then moves to c..d along half a cosine (slow, fast, slow), reaching it at"
              + " the end of the stage.",
          "cosine(KNOB: a..b -> c..d, warmup: N)"),
      new Builtin("ramp", Kind.CURRICULUM, List.of(levels(),
          req("over", Type.INT, Bound.atLeast(1), "steps of the move"),
          opt("start", Type.INT, "0", Bound.atLeast(0), "step at which the move begins")),
          "Holds a..b until start, moves linearly to c..d over the steps, then holds it.",
          "ramp(KNOB: a..b -> c..d, over: N, start: S)"),

      // Trace mixes.
      new Builtin("mix", Kind.TRACE_MIX, List.of(
          opt("direct", Type.NUMBER, "0", Bound.atLeast(0), "weight of direct answers"),
          opt("scratchpad", Type.NUMBER, "0", Bound.atLeast(0), "weight of step-by-step traces"),
          opt("verbose", Type.NUMBER, "0", Bound.atLeast(0), "weight of verbose step-by-step traces")),
          "SFT traces drawn by weight (weights need not sum to 1).", ""),
      new Builtin("direct", Kind.TRACE_MIX, List.of(), "Just the answer.", "direct"),
      new Builtin("scratchpad", Kind.TRACE_MIX, List.of(),
          "Fine-grained steps (e.g. digit by digit with carries), then > and the answer.", "scratchpad"),
      new Builtin("verbose", Kind.TRACE_MIX, List.of(),
          "The scratchpad with extra notes per step: a longer path to the same answer.", "verbose"),

      // Table sources.
      new Builtin("rollouts", Kind.TABLE_SOURCE, List.of(
          opt("last", Type.INT, "8", Bound.atLeast(1), "the latest N rollouts"),
          opt("first", Type.INT, "none", Bound.atLeast(1), "the earliest N rollouts instead")),
          "Sampled rollouts of an rl stage: prompt, response, answer, each reward term, advantage.", ""),
      new Builtin("metrics", Kind.TABLE_SOURCE, List.of(
          opt("last", Type.INT, "10", Bound.atLeast(1), "the latest N steps")),
          "Per-step metrics of a training stage.", ""),

      // Metrics.
      metric("reward_mean", "Mean reward of the step's rollouts (rl)."),
      metric("accuracy", "Share of exactly right answers: of the step's rollouts, or of an evaluation."),
      metric("response_len_mean", "Mean response length in tokens."),
      metric("response_len_p90", "90th percentile of response length in tokens."),
      metric("kl", "Mean per-token KL estimate (rl): to the stage's kl target with its estimator; without a kl"
          + " setting, k3 to the policy at the start of the stage."),
      metric("entropy", "Mean per-token entropy of the policy on its samples."),
      metric("loss", "The training loss."),
      metric("lr", "The learning rate at the step."),
      metric("grad_norm", "Gradient norm before clipping."),
      metric("frac_zero_std", "Share of prompt groups whose rewards are all equal (no signal)."),
      metric("tokens_per_s", "Throughput of the step."),
      metric("elapsed_s", "Seconds since the stage started."),
      metric("pass_at_k", "Share of problems with at least one right answer among k = per_prompt samples (eval)."),
      metric("eval_accuracy", "Accuracy of the stage's periodic evaluation, by step."),
      metric("eval_pass_at_k", "pass@k of the stage's periodic evaluation, by step."),
      metric("eval_response_len_mean", "Mean response length of the stage's periodic evaluation, by step."),

      // Plot axes.
      axis("step", "Training step of sft and rl stages; series of stage metrics."),
      axis("level", "Difficulty level of evaluations; series of eval metrics."),
      axis("response_len_mean", "Mean response length of each step: accuracy against tokens, for rl stages."));

  /** Every entry, in table order. */
  public static List<Builtin> all() {
    return ALL;
  }

  /** The entry of that name and kind. */
  public static Optional<Builtin> find(String name, Kind kind) {
    return ALL.stream().filter(b -> b.kind() == kind && b.name().equals(name)).findFirst();
  }

  /** Every entry of that name, whatever its kind ({@code linear} is a schedule and a curriculum). */
  public static List<Builtin> named(String name) {
    return ALL.stream().filter(b -> b.name().equals(name)).toList();
  }

  public static List<Builtin> ofKind(Kind kind) {
    return ALL.stream().filter(b -> b.kind() == kind).toList();
  }

  public static List<String> namesOf(Kind kind) {
    return ofKind(kind).stream().map(Builtin::name).toList();
  }

  /** The statement entry, e.g. {@code rl}, whose parameters are its block settings. */
  public static Builtin statement(String keyword) {
    return find(keyword, Kind.STATEMENT).orElseThrow();
  }

  private static Builtin statement(String name, String usage, String doc) {
    return new Builtin(name, Kind.STATEMENT, List.of(), doc, usage);
  }

  private static Builtin kl(String name, String doc) {
    return new Builtin(name, Kind.KL_ESTIMATOR, List.of(
        pos(req("coefficient", Type.SCHEDULE, Bound.atLeast(0), "weight of the KL term; may follow a schedule")),
        choice("to", "reference", List.of("reference", "previous"),
            "reference: the frozen start of the stage; previous: the policy that sampled the batch (needs epochs ≥ 2)")),
        doc, "");
  }

  private static Builtin metric(String name, String doc) {
    List<String> where = new ArrayList<>();
    if (STAGE_METRICS.contains(name)) {
      where.add("stage");
    }
    if (EVAL_METRICS.contains(name)) {
      where.add("eval");
    }
    if (PERIODIC_EVAL_METRICS.contains(name)) {
      where.add("stage, by step");
    }
    return new Builtin(name, Kind.METRIC, List.of(), doc + " [" + String.join(", ", where) + "]", name);
  }

  private static Builtin axis(String name, String doc) {
    return new Builtin(name, Kind.AXIS, List.of(), doc, name);
  }

  /** The change of range every moving curriculum takes first. */
  private static Param levels() {
    return pos(req("levels", Type.RANGE_ARROW, Bound.NONE,
        "from -> to; may be named after the task's knob, e.g. digits: 2..3 -> 2..6"));
  }

  private static Param count() {
    return opt("count", Type.INT, "0", Bound.atLeast(0),
        "0: an endless generator; N > 0: a frozen set of N problems drawn once from the seed");
  }

  private static Param req(String name, Type type, Bound bound, String doc) {
    return new Param(name, type, Optional.empty(), false, bound, List.of(), doc);
  }

  private static Param opt(String name, Type type, String defaultSource, Bound bound, String doc) {
    return new Param(name, type, Optional.of(defaultSource), false, bound, List.of(), doc);
  }

  private static Param opt(String name, Type type, String defaultSource, String doc) {
    return opt(name, type, defaultSource, Bound.NONE, doc);
  }

  private static Param choice(String name, String defaultSource, List<String> choices, String doc) {
    return new Param(name, Type.CHOICE, Optional.of(defaultSource), false, Bound.NONE, choices, doc);
  }

  private static Param pos(Param param) {
    return new Param(param.name(), param.type(), param.defaultSource(), true, param.bound(), param.choices(),
        param.doc());
  }
}
