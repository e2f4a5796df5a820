package dev.verity.engine.eval;

import dev.verity.engine.model.Policy;
import dev.verity.engine.rng.Seeds;
import dev.verity.engine.sample.DecodeOptions;
import dev.verity.engine.sample.Generation;
import dev.verity.engine.sample.Sampler;
import dev.verity.engine.sample.SamplingSpec;
import dev.verity.engine.task.Problem;
import dev.verity.engine.task.Task;
import java.util.ArrayList;
import java.util.List;
import java.util.SplittableRandom;
import java.util.TreeMap;

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
    List<Problem> problems = request.problems();
    int k = Math.max(1, request.sampling().perPrompt());
    int total = problems.size() * k;
    boolean[] correct = new boolean[total];
    double[] lengths = new double[total];
    Sampler sampler = new Sampler(policy);
    for (int start = 0; start < total; start += CHUNK) {
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
        correct[s] = !g.truncated()[s - start] && request.task().verify(problems.get(s / k), text);
        lengths[s] = g.length(s - start);
      }
    }
    TreeMap<Integer, List<Integer>> byLevel = new TreeMap<>();
    for (int i = 0; i < problems.size(); i++) {
      byLevel.computeIfAbsent(problems.get(i).level(), l -> new ArrayList<>()).add(i);
    }
    List<EvalReport.LevelFigures> levels = new ArrayList<>();
    byLevel.forEach((level, ids) -> levels.add(new EvalReport.LevelFigures(level, figures(ids, k, correct, lengths))));
    List<Integer> all = new ArrayList<>();
    for (int i = 0; i < problems.size(); i++) {
      all.add(i);
    }
    return new EvalReport(
        request.stage(), request.step(), request.taskName(), k, figures(all, k, correct, lengths), levels);
  }

  private static Figures figures(List<Integer> problems, int k, boolean[] correct, double[] lengths) {
    double right = 0;
    double solved = 0;
    double[] lens = new double[problems.size() * k];
    int n = 0;
    for (int p : problems) {
      boolean any = false;
      for (int j = 0; j < k; j++) {
        int s = p * k + j;
        right += correct[s] ? 1 : 0;
        any |= correct[s];
        lens[n++] = lengths[s];
      }
      solved += any ? 1 : 0;
    }
    int count = problems.size();
    return Figures.of( // in the order of Metric.eval()
        count,
        count == 0 ? Double.NaN : right / (count * (double) k),
        count == 0 ? Double.NaN : solved / count,
        Stats.mean(lens),
        Stats.p90(lens));
  }
}
