package dev.verity.engine.eval;

import dev.verity.engine.model.Policy;
import dev.verity.engine.rng.Seeds;
import dev.verity.engine.sample.DecodeOptions;
import dev.verity.engine.sample.Generation;
import dev.verity.engine.sample.Sampler;
import dev.verity.engine.sample.SamplingSpec;
import dev.verity.engine.metric.Metric;
import dev.verity.engine.task.ArithmeticSteps;
import dev.verity.engine.task.Problem;
import dev.verity.engine.task.StepFacts;
import dev.verity.engine.task.StepRates;
import dev.verity.engine.task.Task;
import dev.verity.engine.user.UserCode;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.SplittableRandom;
import java.util.TreeMap;
import java.util.function.BooleanSupplier;

/** Scores a policy on a frozen set of problems: greedy or sampled, k samples per problem. */
public final class Evaluator {
  /** Sequences generated per batch: large enough to amortise per-op overhead, small enough for memory. */
  private static final int CHUNK = 256;

  private final Policy policy;

  public Evaluator(Policy policy) {
    this.policy = policy;
  }

  /**
   * A labelled evaluation; its random streams are keyed by (seed, "eval", stage, step, problem, sample), and its
   * sampling's schedules are taken at {@code step} of {@code totalSteps} (a stage's; 1 outside a stage).
   */
  public record Request(
      String stage, int stageIndex, long step, long totalSteps, String taskName, Task task, List<Problem> problems,
      SamplingSpec sampling, long seed) {}

  public EvalReport evaluate(Request request) {
    return evaluate(request, () -> false).orElseThrow();
  }

  /**
   * {@link #evaluate(Request)}, asking {@code stop} before each batch of {@value #CHUNK} sequences: empty when it
   * said yes, and nothing of the evaluation is kept. A large set takes minutes; a stop should not wait for all of it.
   */
  public Optional<EvalReport> evaluate(Request request, BooleanSupplier stop) {
    List<Problem> problems = request.problems();
    int k = Math.max(1, request.sampling().perPrompt());
    int total = problems.size() * k;
    boolean[] correct = new boolean[total];
    double[] lengths = new double[total];
    String[] answers = new String[total]; // extracted answers, null for a truncated response: for maj@k
    String[] texts = new String[total];
    StepFacts[] facts = new StepFacts[total]; // null throughout for a task whose steps cannot be checked
    // the failed calls of a java(…) task's verifier and answer extraction, by sample; null for a built-in task
    List<UserCode> guards = UserCode.usedBy(request.task());
    int[] failed = guards.isEmpty() ? null : new int[total];
    Optional<ArithmeticSteps> steps = request.task().steps();
    Sampler sampler = new Sampler(policy);
    for (int start = 0; start < total; start += CHUNK) {
      if (stop.getAsBoolean()) {
        return Optional.empty();
      }
      int end = Math.min(total, start + CHUNK);
      List<int[]> prompts = new ArrayList<>(end - start);
      List<SplittableRandom> randoms = new ArrayList<>(end - start);
      for (int s = start; s < end; s++) {
        prompts.add(policy.tokenizer().encode(problems.get(s / k).prompt()));
        randoms.add(
            Seeds.stream(request.seed(), "eval", request.stageIndex(), request.step(), s / k, s % k));
      }
      DecodeOptions options = request.sampling().at(request.step(), request.totalSteps());
      Generation g = sampler.generate(prompts, randoms, options, true);
      for (int s = start; s < end; s++) {
        int[] response = g.responses()[s - start];
        String text = policy.tokenizer().decode(response);
        long failedBefore = UserCode.errors(guards);
        correct[s] = !g.truncated()[s - start] && request.task().verify(problems.get(s / k), text);
        answers[s] = g.truncated()[s - start] ? null : request.task().extractAnswer(text);
        if (failed != null) {
          failed[s] = (int) (UserCode.errors(guards) - failedBefore);
        }
        texts[s] = text;
        facts[s] = steps.map(x -> x.facts(text)).orElse(null);
        lengths[s] = g.length(s - start);
      }
    }
    TreeMap<Integer, List<Integer>> byLevel = new TreeMap<>();
    for (int i = 0; i < problems.size(); i++) {
      byLevel.computeIfAbsent(problems.get(i).level(), l -> new ArrayList<>()).add(i);
    }
    List<EvalReport.LevelFigures> levels = new ArrayList<>();
    boolean[] majority = new boolean[problems.size()];
    for (int p = 0; p < problems.size(); p++) {
      int pick = PassAtK.majority(Arrays.asList(answers).subList(p * k, p * k + k));
      majority[p] = pick >= 0 && correct[p * k + pick]; // the voted answer's sample, verified as any other
    }
    byLevel.forEach((level, ids) ->
        levels.add(new EvalReport.LevelFigures(level, figures(ids, k, correct, majority, lengths, facts, failed))));
    List<Integer> all = new ArrayList<>();
    for (int i = 0; i < problems.size(); i++) {
      all.add(i);
    }
    List<EvalReport.Sample> samples = new ArrayList<>(total);
    for (int s = 0; s < total; s++) {
      Problem problem = problems.get(s / k);
      samples.add(new EvalReport.Sample(problem.prompt(), texts[s], problem.answer(), correct[s],
          facts[s] == null ? 0 : facts[s].corrections()));
    }
    return Optional.of(new EvalReport(request.stage(), request.step(), request.taskName(), k,
        figures(all, k, correct, majority, lengths, facts, failed), levels, samples));
  }

  private static Figures figures(List<Integer> problems, int k, boolean[] correct, boolean[] majority,
      double[] lengths, StepFacts[] facts, int[] failed) {
    double right = 0;
    double solved = 0;
    double voted = 0;
    double[] passAt = new double[PASS_AT.length];
    double[] lens = new double[problems.size() * k];
    int n = 0;
    for (int p : problems) {
      int c = 0;
      for (int j = 0; j < k; j++) {
        int s = p * k + j;
        c += correct[s] ? 1 : 0;
        lens[n++] = lengths[s];
      }
      right += c;
      solved += c > 0 ? 1 : 0;
      voted += majority[p] ? 1 : 0;
      for (int i = 0; i < PASS_AT.length; i++) {
        passAt[i] += PassAtK.unbiased(k, c, PASS_AT[i]); // NaN throughout when k samples are too few
      }
    }
    int count = problems.size();
    double none = Double.NaN;
    List<StepFacts> stepFacts = new ArrayList<>();
    for (int p : problems) {
      for (int j = 0; j < k && facts[p * k + j] != null; j++) {
        stepFacts.add(facts[p * k + j]);
      }
    }
    StepRates rates = StepRates.of(stepFacts);
    Map<Metric, Double> values = new EnumMap<>(Metric.class);
    values.put(Metric.ACCURACY, count == 0 ? none : right / (count * (double) k));
    values.put(Metric.PASS_AT_K, count == 0 ? none : solved / count);
    values.put(Metric.RESPONSE_LEN_MEAN, Stats.mean(lens));
    values.put(Metric.RESPONSE_LEN_P90, Stats.p90(lens));
    for (int i = 0; i < PASS_AT.length; i++) {
      values.put(PASS_AT_METRICS[i], count == 0 ? none : passAt[i] / count);
    }
    values.put(Metric.MAJ_AT_K, count == 0 ? none : voted / count);
    values.put(Metric.REFLECT_RATE, rates.reflectRate());
    values.put(Metric.FIX_RATE, rates.fixRate());
    values.put(Metric.UNCORRECTED_ERROR_RATE, rates.uncorrectedErrorRate());
    values.put(Metric.USER_CODE_ERRORS, failed == null ? none : problems.stream()
        .mapToInt(p -> Arrays.stream(failed, p * k, p * k + k).sum()).sum());
    return new Figures(count, values);
  }

  /** The k of the pass@k figures besides pass_at_k itself: Metric.PASS_AT_4, _8 and _16. */
  private static final int[] PASS_AT = {4, 8, 16};
  private static final Metric[] PASS_AT_METRICS = {Metric.PASS_AT_4, Metric.PASS_AT_8, Metric.PASS_AT_16};
}
