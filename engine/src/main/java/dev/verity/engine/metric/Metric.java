package dev.verity.engine.metric;

import java.util.Arrays;
import java.util.EnumSet;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.Set;

/**
 * Every metric Verity records, defined once: its name (a column of metrics.csv or eval.csv), what it means, and
 * where it is recorded. Step metrics are metrics.csv's columns after {@code stage} and {@code step}, in this
 * order; evaluation metrics are figures of an evaluation, overall (eval.csv) and per level (eval_levels.csv).
 * Record files, tables, charts, run comparison and the DSL's reference all read this list.
 *
 * <p>The order is the record files' column order: metrics.csv's, eval.csv's and eval_levels.csv's columns are
 * this list filtered by {@link Where}. Runs recorded earlier are read by it, so add a metric after those of its
 * files, never between them.
 */
public enum Metric {
  REWARD_MEAN("mean reward", "Mean reward of the step's rollouts (rl).", Where.RL_STEP),
  ACCURACY("accuracy", "Share of exactly right answers: of the step's rollouts, or of an evaluation.",
      Where.RL_STEP, Where.EVAL, Where.EVAL_OVERALL, Where.SHARE),
  PASS_AT_K("pass@k", "Share of problems with at least one right answer among k = per_prompt samples (eval): the"
      + " unbiased estimator at k = n. pass@1 is accuracy.",
      Where.EVAL, Where.EVAL_OVERALL, Where.SHARE),
  RESPONSE_LEN_MEAN("mean response length", "Mean response length in tokens.",
      Where.RL_STEP, Where.EVAL, Where.EVAL_OVERALL),
  RESPONSE_LEN_P90("response length p90", "90th percentile of response length in tokens.", Where.RL_STEP, Where.EVAL),
  KL("KL", "Mean per-token KL estimate (rl): to the stage's kl target with its estimator; without a kl setting, k3"
      + " to the policy at the start of the stage.", Where.RL_STEP),
  ENTROPY("entropy", "Mean per-token entropy of the policy on its samples.", Where.RL_STEP),
  LOSS("loss", "The training loss.", Where.RL_STEP, Where.SFT_STEP),
  LR("learning rate", "The learning rate at the step.", Where.RL_STEP, Where.SFT_STEP),
  GRAD_NORM("gradient norm", "Gradient norm before clipping.", Where.RL_STEP, Where.SFT_STEP),
  FRAC_ZERO_STD("share of groups without spread", "Share of prompt groups whose rewards are all equal (no signal).",
      Where.RL_STEP, Where.SHARE),
  TOKENS_PER_S("tokens per second", "Throughput of the step.", Where.RL_STEP, Where.SFT_STEP, Where.TIMING),
  ELAPSED_S("seconds", "Seconds since the stage started.", Where.RL_STEP, Where.SFT_STEP, Where.TIMING),
  PASS_AT_4("pass@4", passAt(4), Where.EVAL, Where.EVAL_OVERALL, Where.SHARE),
  PASS_AT_8("pass@8", passAt(8), Where.EVAL, Where.EVAL_OVERALL, Where.SHARE),
  PASS_AT_16("pass@16", passAt(16), Where.EVAL, Where.EVAL_OVERALL, Where.SHARE),
  MAJ_AT_K("maj@k", "Majority vote (eval): share of problems whose most frequent extracted answer among the k ="
      + " per_prompt samples (truncated ones do not vote; ties to the answer seen first) is right.",
      Where.EVAL, Where.EVAL_OVERALL, Where.SHARE),
  REFLECT_RATE("reflect rate", "Share of responses that correct a step at least once (a ! mark); for tasks whose"
      + " steps can be checked (addition, multiplication, modchain), empty for others.",
      Where.RL_STEP, Where.EVAL, Where.EVAL_OVERALL, Where.SHARE),
  FIX_RATE("fix rate", "Share of corrections that replace a wrong step by a right one; empty without corrections.",
      Where.RL_STEP, Where.EVAL, Where.EVAL_OVERALL, Where.SHARE),
  UNCORRECTED_ERROR_RATE("uncorrected error rate", "Share of responses with at least one wrong step left"
      + " uncorrected; for tasks whose steps can be checked, empty for others.",
      Where.RL_STEP, Where.EVAL, Where.EVAL_OVERALL, Where.SHARE),
  USER_CODE_ERRORS("user code errors", "Calls of user Java code that threw or ran past their limit (1 s): in a"
      + " step's scoring (rl) — a java(…) task's verifier, a java(…) reward term — each scoring its rollout 0, and"
      + " in an evaluation (eval) — a java(…) task's verifier — each counting its response wrong; empty for stages"
      + " and evaluations without user code.", Where.RL_STEP, Where.EVAL, Where.EVAL_OVERALL);

  private static String passAt(int k) {
    return "Unbiased pass@" + k + " (Chen et al. 2021) from the n = per_prompt samples (eval): the mean over problems"
        + " of 1 − C(n − c, " + k + ")/C(n, " + k + "), c of them right; empty when n < " + k + ".";
  }

  /** Where a metric is recorded, and how it is shown. */
  public enum Where {
    /** A column of metrics.csv, recorded by every rl step. */
    RL_STEP,
    /** Recorded by sft steps too (sft leaves the other step metrics empty). */
    SFT_STEP,
    /** A figure of an evaluation, per difficulty level. */
    EVAL,
    /** A figure of an evaluation overall, in eval.csv: also a stage's periodic evaluation, {@code eval_NAME}. */
    EVAL_OVERALL,
    /** Measured with a clock: varies from run to run, so replays do not compare it. */
    TIMING,
    /** A share in [0, 1], plotted on its own axis. */
    SHARE
  }

  /** The prefix of a stage's periodic evaluation metrics, e.g. {@code eval_accuracy}. */
  public static final String PERIODIC = "eval_";

  private final String label;
  private final String doc;
  private final Set<Where> where;

  Metric(String label, String doc, Where first, Where... rest) {
    this.label = label;
    this.doc = doc;
    this.where = EnumSet.of(first, rest);
  }

  /** Its column name, e.g. {@code response_len_mean}. */
  public String id() {
    return name().toLowerCase(Locale.ROOT);
  }

  /** How prose names it, e.g. {@code mean response length}. */
  public String label() {
    return label;
  }

  public String doc() {
    return doc;
  }

  public boolean is(Where w) {
    return where.contains(w);
  }

  /** metrics.csv's columns after stage and step, in order. */
  public static List<Metric> step() {
    return of(Where.RL_STEP);
  }

  /** What an sft step records. */
  public static List<Metric> sftStep() {
    return of(Where.SFT_STEP);
  }

  /** The figures of an evaluation per level. */
  public static List<Metric> eval() {
    return of(Where.EVAL);
  }

  /** The figures of an evaluation overall, as eval.csv holds them. */
  public static List<Metric> evalOverall() {
    return of(Where.EVAL_OVERALL);
  }

  /** The names a stage's periodic evaluation is plotted by step under: {@code eval_accuracy}, … */
  public static List<String> periodicNames() {
    return evalOverall().stream().map(m -> PERIODIC + m.id()).toList();
  }

  public static List<Metric> of(Where w) {
    return Arrays.stream(values()).filter(m -> m.is(w)).toList();
  }

  public static Optional<Metric> find(String id) {
    return Arrays.stream(values()).filter(m -> m.id().equals(id)).findFirst();
  }

  /** Whether {@code name} (a metric or a periodic one) is a share in [0, 1]. */
  public static boolean isShare(String name) {
    String id = name.startsWith(PERIODIC) ? name.substring(PERIODIC.length()) : name;
    return find(id).map(m -> m.is(Where.SHARE)).orElse(false);
  }
}
