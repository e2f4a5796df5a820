package dev.verity.engine.doctor;

import dev.verity.engine.train.StepMetrics;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.function.ToDoubleFunction;

/**
 * The doctor's rules, each a check of the stage's history after a step (or, for {@link #EVAL_DROP}, after a
 * periodic evaluation) that says why the run is not learning and what to change in the stage block.
 */
public enum Rule {
  /** Most prompt groups have one reward for every sample: zero advantages, no signal. */
  ZERO_STD(false) {
    @Override
    Optional<Diagnosis> check(History h, DoctorSettings s) {
      int n = h.size();
      if (n < s.window()) {
        return Optional.empty();
      }
      for (int i = n - s.window(); i < n; i++) {
        if (!(h.row(i).fracZeroStd() >= s.zeroStd())) { // NaN: not measured, no finding
          return Optional.empty();
        }
      }
      double share = h.mean(StepMetrics::fracZeroStd, n - s.window(), n);
      double accuracy = h.mean(StepMetrics::accuracy, n - s.window(), n);
      boolean hard = !(accuracy >= 0.5);
      String cause = format("in each of the last %d steps at least %s of the prompt groups gave every sample the"
          + " same reward (frac_zero_std %.2f on average), so their advantages are 0 and they teach nothing: the"
          + " task is too %s for the model (accuracy %.2f)", s.window(), number(s.zeroStd()), share,
          hard ? "hard" : "easy", accuracy);
      String fix = hard
          ? "start easier and move up with a curriculum (curriculum: linear(…)), fine-tune first with sft, or"
              + " sample more per prompt (sample(per_prompt: 16)) so a right answer turns up; prioritize:"
              + " failure_rate draws the prompts that still have spread"
          : "use harder levels of the task or a curriculum that reaches them (curriculum: linear(…)); prioritize:"
              + " failure_rate draws the problems the model still gets wrong";
      return Optional.of(new Diagnosis(cause, fix));
    }
  },

  /** The policy stopped exploring before it got any better. */
  ENTROPY_COLLAPSE(false) {
    static final int START = 3; // steps whose mean entropy is the start
    static final int SPAN = 5; // steps whose mean accuracy is compared, first and last
    static final double RISE = 0.05; // accuracy that counts as risen

    @Override
    Optional<Diagnosis> check(History h, DoctorSettings s) {
      int n = h.size();
      if (n < Math.max(START, SPAN) + 1) {
        return Optional.empty();
      }
      double start = h.mean(StepMetrics::entropy, 0, START);
      double now = h.last().entropy();
      double before = h.mean(StepMetrics::accuracy, 0, SPAN);
      double lately = h.mean(StepMetrics::accuracy, n - SPAN, n);
      if (!(start > 0 && now < s.entropy() * start && lately <= before + RISE)) {
        return Optional.empty();
      }
      return Optional.of(new Diagnosis(format("the policy's entropy fell to %.3g, under %s of its start (%.3g),"
          + " while accuracy has not risen (%.2f over the first %d steps, %.2f over the last %d): it samples"
          + " nearly the same response every time and has stopped exploring", now, number(s.entropy()), start,
          before, SPAN, lately, SPAN),
          "lower the learning rate (lr), keep the policy near its start with a KL penalty (kl: k3(0.01, to:"
              + " reference)), or sample hotter (sample(temperature: 1.2))"));
    }
  },

  /** A large share of a step's responses hit the length limit. */
  TRUNCATED(false) {
    @Override
    Optional<Diagnosis> check(History h, DoctorSettings s) {
      double share = h.truncatedShare(h.last().step());
      if (!(share >= s.truncated())) {
        return Optional.empty();
      }
      return Optional.of(new Diagnosis(format("%.0f%% of the step's responses ran into max_tokens before they"
          + " ended, so their answers are cut off and score as wrong", 100 * share),
          "raise max_tokens in the stage's sampling (sample(max_tokens: …)), or add overlong(max: …, buffer: …) to"
              + " the reward so the policy learns to finish in time"));
    }
  },

  /** The periodic evaluation falls while the training reward does not: the reward is being gamed. */
  EVAL_DROP(true) {
    static final int SPAN = 5; // steps whose mean reward is the training reward at a moment

    @Override
    Optional<Diagnosis> check(History h, DoctorSettings s) {
      List<History.EvalPoint> evals = h.evals();
      if (evals.size() < 2 || h.size() == 0) {
        return Optional.empty();
      }
      History.EvalPoint now = evals.get(evals.size() - 1);
      History.EvalPoint best = evals.get(0);
      for (History.EvalPoint e : evals.subList(0, evals.size() - 1)) {
        best = e.accuracy() > best.accuracy() ? e : best;
      }
      double rewardThen = rewardAt(h, best.step());
      double rewardNow = h.mean(StepMetrics::rewardMean, Math.max(0, h.size() - SPAN), h.size());
      if (!(now.accuracy() < best.accuracy() - s.evalDrop() && rewardNow >= rewardThen)) {
        return Optional.empty();
      }
      return Optional.of(new Diagnosis(format("the periodic evaluation's accuracy fell to %.3f from its best %.3f"
          + " (after step %d) while the training reward did not fall (%.3f then, %.3f over the last %d steps):"
          + " the policy earns reward without solving the task", now.accuracy(), best.accuracy(), best.step(),
          rewardThen, rewardNow, SPAN),
          "the reward may accept wrong answers: test it on one with check REWARD(prompt: \"…\", response: \"…\","
              + " answer: \"…\") == 0, and read table rollouts(last: 20) for what it rewards"));
    }

    /** The mean reward of the steps before {@code steps} were done; before any, the first step's. */
    private double rewardAt(History h, long steps) {
      int to = (int) Math.min(steps, h.size());
      return to == 0 ? h.row(0).rewardMean() : h.mean(StepMetrics::rewardMean, Math.max(0, to - SPAN), to);
    }
  },

  /** The KL to the reference jumps far above where it has been. */
  KL_SPIKE(false) {
    static final double FLOOR = 0.01; // KL starts at 0: smaller medians count as this, so its growth is no spike

    @Override
    Optional<Diagnosis> check(History h, DoctorSettings s) {
      return spike(h, s, StepMetrics::kl, FLOOR).map(x -> new Diagnosis(format("the KL to the reference jumped to"
          + " %.3g, %.0f times the median of the earlier steps (%.3g): one update moved the policy far", x[0],
          x[0] / x[1], x[1]),
          "lower the learning rate (lr), weigh the KL penalty more (kl: k3(0.1, to: reference)), or use a clipped"
              + " algorithm (algorithm: grpo(clip: 0.2))"));
    }
  },

  /** The gradient norm jumps far above where it has been. */
  GRAD_SPIKE(false) {
    @Override
    Optional<Diagnosis> check(History h, DoctorSettings s) {
      return spike(h, s, StepMetrics::gradNorm, 0).map(x -> new Diagnosis(format("the gradient norm jumped to"
          + " %.3g, %.0f times the median of the earlier steps (%.3g): one batch pushed the weights hard, which"
          + " often comes before a divergence", x[0], x[0] / x[1], x[1]),
          "clip the gradient norm harder (clip: 0.5) or lower the learning rate (lr)"));
    }
  },

  /** The loss is NaN or infinite: the stage stops at this step. */
  NON_FINITE_LOSS(false) {
    @Override
    Optional<Diagnosis> check(History h, DoctorSettings s) {
      double loss = h.last().loss();
      if (Double.isFinite(loss)) {
        return Optional.empty();
      }
      return Optional.of(new Diagnosis("the loss became " + loss + ", so the weights are not numbers any more and"
          + " the stage stops here",
          "the stage's last checkpoint before this step holds the last good weights: lower the learning rate (lr)"
              + " or clip the gradient norm harder (clip), and run again"));
    }
  };

  /** Earlier steps a spike is measured against, at least. */
  static final int SPIKE_HISTORY = 5;

  private final boolean afterEval;

  Rule(boolean afterEval) {
    this.afterEval = afterEval;
  }

  /** Its name in doctor.jsonl and in summaries, e.g. {@code zero_std}. */
  public String id() {
    return name().toLowerCase(Locale.ROOT);
  }

  /** Whether it is checked after a periodic evaluation rather than after a step. */
  boolean afterEval() {
    return afterEval;
  }

  /** The cause and the fix, when the rule applies to the history as it stands. */
  abstract Optional<Diagnosis> check(History h, DoctorSettings s);

  /** What a rule found: why, and what to change. */
  record Diagnosis(String message, String suggestion) {}

  /**
   * The last step's value and the median it is a spike over, when it exceeds {@code spike} times the median of
   * the earlier steps (at least {@value #SPIKE_HISTORY} of them; the median taken as at least {@code floor}).
   */
  static Optional<double[]> spike(History h, DoctorSettings s, ToDoubleFunction<StepMetrics> metric, double floor) {
    int earlier = h.size() - 1;
    double value = metric.applyAsDouble(h.last());
    if (earlier < SPIKE_HISTORY || !Double.isFinite(value)) {
      return Optional.empty(); // a non-finite value is the loss rule's
    }
    double median = Math.max(h.median(metric, earlier), floor);
    return median > 0 && value > s.spike() * median ? Optional.of(new double[] {value, median}) : Optional.empty();
  }

  static String format(String pattern, Object... args) {
    return String.format(Locale.ROOT, pattern, args);
  }

  /** A threshold as written in the stage block: {@code 0.75}, {@code 10}. */
  static String number(double value) {
    return value == Math.rint(value) ? Long.toString((long) value) : Double.toString(value);
  }
}
