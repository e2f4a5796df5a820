package dev.verity.engine;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.fail;

import ai.djl.Device;
import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import dev.verity.engine.checkpoint.Checkpoint;
import dev.verity.engine.model.ModelSpec;
import dev.verity.engine.model.Policy;
import dev.verity.engine.optim.Schedule;
import dev.verity.engine.reward.RewardExpr;
import dev.verity.engine.rl.Algorithm;
import dev.verity.engine.rl.Curriculum;
import dev.verity.engine.rl.KlSpec;
import dev.verity.engine.rl.Prioritize;
import dev.verity.engine.rl.RlSpec;
import dev.verity.engine.sample.DecodeOptions;
import dev.verity.engine.sample.Sampler;
import dev.verity.engine.sample.SamplingSpec;
import dev.verity.engine.sft.SftSpec;
import dev.verity.engine.task.AdditionTask;
import dev.verity.engine.task.LevelRange;
import dev.verity.engine.task.Problem;
import dev.verity.engine.task.Task;
import dev.verity.engine.task.TraceStyle;
import dev.verity.engine.tokenizer.CharTokenizer;
import dev.verity.engine.train.StageListener;
import dev.verity.engine.train.StepMetrics;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.SplittableRandom;

/** Shared pieces of the training tests: the addition task, model shapes, stage settings, and exact comparisons. */
public final class Training {
  private Training() {}

  /** addition(digits: 2..3), an endless generator. */
  public static final Task ADDITION = new AdditionTask(new LevelRange(2, 3));

  /** The smallest model that still learns scratchpad addition within a CI budget. */
  public static final ModelSpec SMALL = new ModelSpec(2, 2, 64, 48);

  /** A model too small to learn much, for tests of mechanics. */
  public static final ModelSpec TINY = new ModelSpec(1, 2, 16, 48);

  public static Policy policy(ModelSpec spec, long seed) {
    return Policy.initialise(spec, CharTokenizer.of(ADDITION.alphabet()), seed, Device.cpu());
  }

  /** Scratchpad-only SFT: cosine from {@code lr} to lr/10 after 30 warmup steps, gradient norm clipped at 1. */
  public static SftSpec scratchpadSft(int steps, int batch, double lr) {
    return new SftSpec(
        Map.of(TraceStyle.SCRATCHPAD, 1.0), steps, batch, new Schedule.Cosine(lr, lr / 10, 30), Optional.empty(),
        0.0, 1.0, SftSpec.DEFAULT_REFLECT_P);
  }

  /** Sampling at {@code temperature}, {@code perPrompt} responses of at most 40 tokens each. */
  public static SamplingSpec sampling(double temperature, int perPrompt) {
    return new SamplingSpec(Schedule.constant(temperature), 0, 1.0, 40, perPrompt);
  }

  /**
   * exact_answer + 0.05 · len: an untrained model is never right, so length makes its rewards differ within a
   * group, and the advantages and every part of the loss are live.
   */
  public static final RewardExpr EXACT_PLUS_LENGTH =
      new RewardExpr.Binary(
          RewardExpr.Op.ADD, new RewardExpr.ExactAnswer(),
          new RewardExpr.Binary(RewardExpr.Op.MUL, new RewardExpr.Const(0.05), new RewardExpr.Length()));

  /** An RL stage with everything that carries state across steps: prioritised pool, KL to the reference, a curriculum. */
  public static RlSpec statefulRl(int steps) {
    return new RlSpec(
        new RewardExpr.ExactAnswer(), sampling(1.0, 4), 8, new Algorithm.Reinforce(Algorithm.Baseline.GROUP_MEAN),
        Optional.of(new KlSpec(KlSpec.Estimator.K3, Schedule.constant(0.05), KlSpec.Target.REFERENCE)),
        Schedule.constant(1e-4), steps, 1,
        Optional.of(Curriculum.linear("digits", LevelRange.of(2), new LevelRange(2, 3), steps)), Prioritize.FAILURE_RATE,
        Optional.empty(), 0.0, 1.0);
  }

  /** Every weight's raw values, by name, copied out of native memory. */
  public static Map<String, float[]> weights(Policy policy) {
    Map<String, float[]> out = new LinkedHashMap<>();
    for (String name : policy.weights().names()) {
      out.put(name, policy.weights().get(name).toFloatArray());
    }
    return out;
  }

  /** Fails unless both snapshots hold the same weights bit for bit, naming the first that differs. */
  public static void assertSameWeights(Map<String, float[]> expected, Map<String, float[]> actual) {
    assertEquals(expected.keySet(), actual.keySet());
    for (String name : expected.keySet()) {
      float[] a = expected.get(name);
      float[] b = actual.get(name);
      for (int i = 0; i < a.length; i++) {
        if (Float.floatToRawIntBits(a[i]) != Float.floatToRawIntBits(b[i])) {
          fail("weight " + name + "[" + i + "] differs: " + a[i] + " vs " + b[i]);
        }
      }
    }
  }

  /** Whether the snapshots hold the same weights bit for bit. */
  public static boolean sameWeights(Map<String, float[]> a, Map<String, float[]> b) {
    for (String name : a.keySet()) {
      float[] x = a.get(name);
      float[] y = b.get(name);
      for (int i = 0; i < x.length; i++) {
        if (Float.floatToRawIntBits(x[i]) != Float.floatToRawIntBits(y[i])) {
          return false;
        }
      }
    }
    return true;
  }

  /** Fails unless the rows match in stage, step and every column but the wall-clock ones, bit for bit. */
  public static void assertSameMetrics(List<StepMetrics> expected, List<StepMetrics> actual) {
    assertEquals(expected.size(), actual.size(), "number of metrics rows");
    for (int r = 0; r < expected.size(); r++) {
      StepMetrics e = expected.get(r);
      StepMetrics a = actual.get(r);
      assertEquals(e.stage(), a.stage(), "stage of row " + r);
      for (String column : StepMetrics.COLUMNS.subList(1, StepMetrics.COLUMNS.size())) {
        if (StepMetrics.TIMING.contains(column)) {
          continue;
        }
        if (Double.doubleToLongBits(e.value(column)) != Double.doubleToLongBits(a.value(column))) {
          fail("step " + e.step() + " " + column + ": " + e.value(column) + " vs " + a.value(column));
        }
      }
    }
  }

  /** Greedy responses to {@code problems}, decoded. */
  public static List<String> greedy(Policy policy, List<Problem> problems) {
    List<int[]> prompts = new ArrayList<>();
    List<SplittableRandom> randoms = new ArrayList<>();
    for (Problem p : problems) {
      prompts.add(policy.tokenizer().encode(p.prompt()));
      randoms.add(new SplittableRandom(0)); // unused by greedy decoding
    }
    int[][] ids = new Sampler(policy).generate(prompts, randoms, DecodeOptions.greedy(40), true).responses();
    List<String> out = new ArrayList<>();
    for (int[] r : ids) {
      out.add(policy.tokenizer().decode(r));
    }
    return out;
  }

  /** The logits of the policy over [BOS prompt] of each problem, flattened: (N, T, V). */
  public static float[] logits(Policy policy, List<Problem> problems) {
    int width = problems.stream().mapToInt(p -> p.prompt().length()).max().orElse(0) + 1;
    long[] ids = new long[problems.size() * width];
    for (int i = 0; i < problems.size(); i++) {
      int[] p = policy.tokenizer().encode(problems.get(i).prompt());
      ids[i * width] = CharTokenizer.BOS;
      for (int j = 0; j < p.length; j++) {
        ids[i * width + 1 + j] = p[j];
      }
    }
    try (NDManager step = policy.newStepManager()) {
      NDArray tokens = step.create(ids, new ai.djl.ndarray.types.Shape(problems.size(), width));
      return policy.transformer().logits(tokens).toFloatArray();
    }
  }

  /** Loads a checkpoint's policy, closing the reference it may carry. */
  public static Policy loadPolicy(Path file) {
    try {
      Checkpoint.Loaded loaded = Checkpoint.load(file, Device.cpu());
      loaded.reference().ifPresent(Policy::close);
      return loaded.policy();
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  /** A listener that collects every metrics row. */
  public static final class Rows implements StageListener {
    public final List<StepMetrics> rows = new ArrayList<>();

    @Override
    public void onStep(StepMetrics metrics) {
      rows.add(metrics);
    }
  }
}
