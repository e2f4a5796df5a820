package dev.verity.engine.rl;

import ai.djl.engine.Engine;
import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import ai.djl.training.GradientCollector;
import dev.verity.engine.eval.Stats;
import dev.verity.engine.metric.Metric;
import dev.verity.engine.model.Policy;
import dev.verity.engine.model.RecomputingPass;
import dev.verity.engine.reward.NonFiniteReward;
import dev.verity.engine.reward.RewardEvaluator;
import dev.verity.engine.reward.RewardResult;
import dev.verity.engine.reward.Rollout;
import dev.verity.engine.rng.Seeds;
import dev.verity.engine.sample.Generation;
import dev.verity.engine.sample.Sampler;
import dev.verity.engine.task.LevelRange;
import dev.verity.engine.task.Problem;
import dev.verity.engine.task.StepRates;
import dev.verity.engine.task.Task;
import dev.verity.engine.tokenizer.CharTokenizer;
import dev.verity.engine.train.SequenceBatch;
import dev.verity.engine.train.StageContext;
import dev.verity.engine.train.StageListener;
import dev.verity.engine.train.StepMetrics;
import dev.verity.engine.train.Trainer;
import dev.verity.engine.user.UserCode;
import java.io.DataInputStream;
import java.io.DataOutputStream;
import java.io.IOException;
import java.util.ArrayList;
import java.util.List;
import java.util.SplittableRandom;

/**
 * Reinforcement learning with a verifiable reward: each step draws {@code prompts} problems, samples
 * {@code per_prompt} responses to each, scores them with the reward, forms advantages within each prompt's
 * group, and takes {@code epochs} optimiser steps on the policy-gradient loss plus the KL term.
 *
 * <p>A whole response is one action: no value model. The reference policy is a frozen copy of the policy at
 * the start of the stage; the KL to it is measured every step (and penalised when the spec says so).
 */
public final class RlTrainer extends Trainer {

  private final Task task;
  private final RlSpec spec;
  private final Policy reference;
  private final ProblemSource source;
  private final RewardEvaluator rewards;
  private final StepTimes times = new StepTimes();
  /** The guards of the user code this stage calls; empty for built-ins only (user_code_errors stays empty). */
  private final List<UserCode> userCode;

  public RlTrainer(Policy policy, Task task, RlSpec spec, StageContext context) {
    super(policy, context, spec.steps());
    this.task = task;
    this.spec = spec;
    this.reference = policy.copy();
    this.rewards = new RewardEvaluator(spec.reward());
    this.userCode = UserCode.usedBy(task, spec.reward());
    boolean prioritised = spec.prioritize() == Prioritize.FAILURE_RATE;
    this.source =
        spec.poolSize().isPresent()
            ? new ProblemPool(context.seed(), context.stageIndex(), widest(task, spec), spec.poolSize().getAsInt(),
                prioritised, spec.pool() > 0)
            : new FreshProblems(context.seed(), context.stageIndex());
  }

  /** Wall-clock seconds of the last step's phases: sampling, scoring, training. */
  public StepTimes times() {
    return times;
  }

  /** Seconds spent in each phase of the most recent step. */
  public static final class StepTimes {
    public double sampling;
    public double scoring;
    public double training;
  }

  @Override
  protected StepMetrics step(long step, long started, StageListener listener) {
    long t0 = System.nanoTime();
    int k = Math.max(1, spec.sampling().perPrompt());
    // draw: the curriculum sets the levels, the source picks the problems
    Task current = spec.curriculum().map(c -> task.withLevels(c.at(step, steps))).orElse(task);
    List<Problem> problems = source.draw(step, spec.prompts(), current);
    // sample: prompt p, sample j draws from stream (seed, stage, step, p, j)
    CharTokenizer tokenizer = policy.tokenizer();
    List<int[]> prompts = new ArrayList<>(problems.size() * k);
    List<SplittableRandom> randoms = new ArrayList<>(problems.size() * k);
    for (int p = 0; p < problems.size(); p++) {
      int[] ids = tokenizer.encode(problems.get(p).prompt());
      for (int j = 0; j < k; j++) {
        prompts.add(ids);
        randoms.add(Seeds.stream(context.seed(), context.stageIndex(), step, p, j));
      }
    }
    Generation generation =
        new Sampler(policy).generate(prompts, randoms, spec.sampling().at(step, steps), true);
    long t1 = System.nanoTime();
    // score: the reward within each prompt's group; correctness for accuracy and prioritisation
    int n = prompts.size();
    long userErrorsBefore = UserCode.errors(userCode);
    double[] reward = new double[n];
    double[] length = new double[n];
    boolean[] correct = new boolean[n];
    List<RewardResult> results = new ArrayList<>(n);
    List<Rollout> rollouts = new ArrayList<>(n);
    for (int p = 0; p < problems.size(); p++) {
      List<Rollout> group = new ArrayList<>(k);
      for (int j = 0; j < k; j++) {
        int i = p * k + j;
        String text = tokenizer.decode(generation.responses()[i]);
        group.add(new Rollout(problems.get(p), text, generation.length(i), generation.truncated()[i]));
        rollouts.add(group.get(j));
        correct[i] = !generation.truncated()[i] && current.verify(problems.get(p), text);
        length[i] = generation.length(i);
      }
      List<RewardResult> scoredGroup;
      try {
        scoredGroup = rewards.evaluate(group, current, step, steps);
      } catch (NonFiniteReward e) {
        throw e.at(context.stage(), step); // before training: no step learns from a reward that is not a number
      }
      for (RewardResult r : scoredGroup) {
        reward[results.size()] = r.total();
        results.add(r);
      }
    }
    source.record(problems, correct, k);
    double[] advantages = Advantages.of(spec.algorithm(), reward, correct, k);
    requireFinite(advantages, reward, rollouts, step);
    List<ScoredRollout> scored = new ArrayList<>(n);
    for (int i = 0; i < n; i++) {
      Problem problem = problems.get(i / k);
      scored.add(
          new ScoredRollout(
              i / k, i % k, problem, tokenizer.decode(generation.responses()[i]), generation.length(i),
              generation.truncated()[i], results.get(i), correct[i], advantages[i]));
    }
    double userErrors = userCode.isEmpty() ? Double.NaN : UserCode.errors(userCode) - userErrorsBefore;
    long t2 = System.nanoTime();
    // train
    double lr = spec.lr().value(step, steps);
    Update update = train(prompts, generation, advantages, lr, step);
    long t3 = System.nanoTime();
    // recorded once the step is trained, just before its metrics: a run killed during training then has no
    // rollouts of a step without metrics
    listener.onRollouts(context.stage(), step, scored);
    times.sampling = (t1 - t0) / 1e9;
    times.scoring = (t2 - t1) / 1e9;
    times.training = (t3 - t2) / 1e9;
    double seconds = (t3 - t0) / 1e9;
    double hit = 0;
    for (boolean c : correct) {
      hit += c ? 1 : 0;
    }
    StepRates steps = current.steps()
        .map(s -> StepRates.of(scored.stream().map(r -> s.facts(r.response())).toList())).orElse(StepRates.NONE);
    return StepMetrics.of(context.stage(), step)
        .with(Metric.REWARD_MEAN, Stats.mean(reward))
        .with(Metric.ACCURACY, hit / n)
        .with(Metric.RESPONSE_LEN_MEAN, Stats.mean(length))
        .with(Metric.RESPONSE_LEN_P90, Stats.p90(length))
        .with(Metric.KL, update.kl)
        .with(Metric.ENTROPY, generation.entropy())
        .with(Metric.LOSS, update.loss)
        .with(Metric.LR, lr)
        .with(Metric.GRAD_NORM, update.gradNorm)
        .with(Metric.FRAC_ZERO_STD, Advantages.fracZeroStd(reward, k))
        .with(Metric.TOKENS_PER_S, generation.tokens() / seconds)
        .with(Metric.ELAPSED_S, (t3 - started) / 1e9)
        .with(Metric.REFLECT_RATE, steps.reflectRate())
        .with(Metric.FIX_RATE, steps.fixRate())
        .with(Metric.UNCORRECTED_ERROR_RATE, steps.uncorrectedErrorRate())
        .with(Metric.USER_CODE_ERRORS, userErrors);
  }

  /**
   * Finite rewards can still be too large to compare: near the largest double, a group's mean or spread overflows
   * and the advantages are not numbers. Refused before training, naming the largest reward and its rollout.
   */
  private void requireFinite(double[] advantages, double[] reward, List<Rollout> rollouts, long step) {
    for (double a : advantages) {
      if (!Double.isFinite(a)) {
        int largest = 0;
        for (int i = 1; i < reward.length; i++) {
          largest = Math.abs(reward[i]) > Math.abs(reward[largest]) ? i : largest;
        }
        throw NonFiniteReward.tooLarge(rewards.name(), reward[largest], rollouts.get(largest))
            .at(context.stage(), step);
      }
    }
  }

  private record Update(double loss, double kl, double gradNorm) {}

  /** {@code epochs} optimiser steps on one batch; the first epoch's log-probs are π_old. */
  private Update train(List<int[]> prompts, Generation generation, double[] advantages, double lr, long step) {
    KlSpec kl = spec.kl().orElse(null);
    double klCoefficient = kl == null ? 0 : kl.coefficient().value(step, steps);
    boolean klToPrevious = kl != null && kl.target() == KlSpec.Target.PREVIOUS;
    double loss = 0;
    double klValue = 0;
    double gradNorm = 0;
    try (NDManager manager = policy.newStepManager()) {
      SequenceBatch batch = new SequenceBatch(manager, prompts, List.of(generation.responses()));
      NDArray refLogp =
          klToPrevious ? null : batch.responseLogProbs(reference.transformer().logits(batch.inputs)); // (N, R)
      NDArray oldLogp = null; // (N, R): the sampling policy, fixed across epochs
      for (int epoch = 0; epoch < Math.max(1, spec.epochs()); epoch++) {
        try (NDManager epochManager = manager.newSubManager()) {
          NDArray inputs = batch.inputs.duplicate();
          inputs.attach(epochManager); // so this epoch's activations are freed with it
          try (GradientCollector collector = Engine.getInstance().newGradientCollector()) {
            RecomputingPass pass = RecomputingPass.run(policy.transformer(), inputs);
            NDArray logp = batch.responseLogProbs(pass.logits()); // (N, R)
            if (oldLogp == null) {
              oldLogp = logp.stopGradient();
              oldLogp.attach(manager);
            }
            PolicyLoss.Result result =
                PolicyLoss.compute(
                    spec.algorithm(), logp, oldLogp, klToPrevious ? oldLogp : refLogp, batch.responseMask,
                    advantages, kl, klCoefficient, spec.sampling().maxTokens());
            collector.backward(result.loss());
            pass.finishBackward();
            loss = result.loss().getFloat();
            klValue = result.kl();
          }
          gradNorm =
              optimizer.step(policy.weights().arrays(), epochManager, lr, spec.weightDecay(), spec.clipNorm());
        }
      }
    }
    return new Update(loss, klValue, gradNorm);
  }

  /** The task at every level the stage will visit, so a prioritised pool covers the whole curriculum. */
  private static Task widest(Task task, RlSpec spec) {
    if (spec.curriculum().isEmpty()) {
      return task;
    }
    Curriculum c = spec.curriculum().get();
    int min = Math.min(Math.min(c.from().min(), c.to().min()), task.levels().min());
    int max = Math.max(Math.max(c.from().max(), c.to().max()), task.levels().max());
    return task.withLevels(new LevelRange(min, max));
  }

  @Override
  protected Policy reference() {
    return reference;
  }

  @Override
  protected void writeState(DataOutputStream out) throws IOException {
    source.write(out);
  }

  @Override
  protected void readState(DataInputStream in) throws IOException {
    source.read(in);
  }

  @Override
  public void close() {
    super.close();
    reference.close();
  }
}
