package dev.verity.engine.bench;

import ai.djl.Device;
import ai.djl.engine.Engine;
import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import ai.djl.training.GradientCollector;
import dev.verity.engine.model.ModelSpec;
import dev.verity.engine.model.Policy;
import dev.verity.engine.optim.AdamW;
import dev.verity.engine.optim.Schedule;
import dev.verity.engine.reward.RewardExpr;
import dev.verity.engine.rl.Algorithm;
import dev.verity.engine.rl.Prioritize;
import dev.verity.engine.rl.RlSpec;
import dev.verity.engine.rl.RlTrainer;
import dev.verity.engine.rng.Seeds;
import dev.verity.engine.runtime.NativeLibrary;
import dev.verity.engine.runtime.Tensors;
import dev.verity.engine.runtime.TorchRuntime;
import dev.verity.engine.sample.DecodeOptions;
import dev.verity.engine.sample.Sampler;
import dev.verity.engine.sample.SamplingSpec;
import dev.verity.engine.task.LevelRange;
import dev.verity.engine.task.Task;
import dev.verity.engine.task.TaskSpec;
import dev.verity.engine.task.Tasks;
import dev.verity.engine.tokenizer.CharTokenizer;
import dev.verity.engine.train.SequenceBatch;
import dev.verity.engine.train.StageContext;
import dev.verity.engine.train.StageListener;
import java.io.IOException;
import java.io.PrintStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.SplittableRandom;

/**
 * Throughput of the standard model (4 layers, 4 heads, dim 128): teacher-forced training and KV-cache
 * sampling at 64 × 64 tokens and at the RL shape (256 sequences × 128 new tokens, context 160), and one RL
 * step of 32 prompts × 8 samples × 128 tokens split into sampling, scoring and training; with {@code --size
 * large} or on a GPU also a larger model (8 layers, 8 heads, dim 512) at the RL shape, where a GPU is not bound by
 * launching kernels. Prints one {@code name: value} per line; each figure is the median of several timed runs
 * after a warm-up, with the model FLOP/s achieved and, given the device's peak, the model FLOP utilisation.
 */
public final class Bench {
  static final ModelSpec STANDARD = new ModelSpec(4, 4, 128, 160);
  static final ModelSpec LARGE = new ModelSpec(8, 8, 512, 160);

  private final PrintStream out;
  private final BenchOptions options;
  private final Task task = Tasks.create(new TaskSpec.Addition(new LevelRange(2, 6), 0));
  private final CharTokenizer tokenizer = CharTokenizer.of(task.alphabet());

  public Bench(PrintStream out, BenchOptions options) {
    this.out = out;
    this.options = options;
  }

  /** {@code [--size standard|large|both] [--repeats N] [--rows N] [--peak-tflops X]}: see {@link BenchOptions}. */
  public static void main(String[] args) {
    new Bench(System.out, BenchOptions.parse(args)).run();
  }

  public void run() {
    TorchRuntime.noGradOnThisThread();
    Device device = TorchRuntime.defaultDevice();
    print("device", device.toString());
    print("natives", NativeLibrary.loaded().describe());
    print("threads", TorchRuntime.threads());
    print("interop_threads", TorchRuntime.interopThreads());
    if (options.determinism() > 0) {
      new DeterminismProbe(out, task, tokenizer).run(device, options.determinism());
      return;
    }
    options.peakTflops().ifPresent(p -> print("peak_tflops", p + " (as given: MFU below is model FLOP/s over it)"));
    int rows = options.rows();
    String rl = rows + "x128";
    if (options.standard(device)) {
      try (Policy policy = Policy.initialise(STANDARD, tokenizer, 1, device)) {
        print("parameters", policy.weights().count());
        print("train_tokens_per_s_64x64", train(policy, 64, 8, 56, "train_64x64"));
        print("sample_tokens_per_s_64x64", sample(policy, 64, 64, "sample_64x64"));
        print("train_tokens_per_s_" + rl, train(policy, rows, 12, 128, "train_" + rl));
        print("sample_tokens_per_s_" + rl, sample(policy, rows, 128, "sample_" + rl));
        rlStep(policy);
      }
    }
    if (options.large(device)) {
      try (Policy policy = Policy.initialise(LARGE, tokenizer, 1, device)) {
        print("large_model", LARGE.toString());
        print("large_parameters", policy.weights().count());
        print("large_train_tokens_per_s_" + rl, train(policy, rows, 12, 128, "large_train_" + rl));
        print("large_sample_tokens_per_s_" + rl, sample(policy, rows, 128, "large_sample_" + rl));
      }
    }
    print("rss_mb", rssMb());
  }

  /**
   * Forward, backward and AdamW update on (batch, prompt + response) tokens; tokens read per second. Also prints
   * the model FLOP/s of the median step as {@code <label>_tflops} (and {@code <label>_mfu}).
   */
  private double train(Policy policy, int batch, int promptLength, int responseLength, String label) {
    policy.weights().requireGradients();
    List<int[]> prompts = new ArrayList<>();
    List<int[]> responses = new ArrayList<>();
    SplittableRandom random = new SplittableRandom(3);
    for (int i = 0; i < batch; i++) {
      prompts.add(randomIds(random, promptLength));
      responses.add(randomIds(random, responseLength));
    }
    try (AdamW adam = new AdamW(policy.weights().arrays(), policy.weights().manager())) {
      double[] seconds = new double[options.repeats() + 2];
      long tokens = 0;
      for (int r = 0; r < seconds.length; r++) {
        long t0 = System.nanoTime();
        try (NDManager step = policy.newStepManager()) {
          SequenceBatch b = new SequenceBatch(step, prompts, responses);
          try (GradientCollector collector = Engine.getInstance().newGradientCollector()) {
            NDArray logp = b.targetLogProbs(policy.transformer().logits(b.inputs)); // (B, T)
            NDArray nll = logp.mul(b.targetMask).sum().neg();
            collector.backward(nll.div(Tensors.scalar(nll, b.responseTokens)));
          }
          adam.step(policy.weights().arrays(), step, 1e-4, 0, 1.0);
          tokens = b.tokens;
        }
        seconds[r] = (System.nanoTime() - t0) / 1e9;
      }
      double median = median(seconds, 2);
      int width = promptLength + responseLength; // tokens read per sequence: BOS + prompt + response − 1
      flops(label, ModelFlops.training(policy.spec(), tokenizer.vocabSize(), width) * tokens, median);
      return tokens / median;
    }
  }

  /**
   * KV-cache sampling at T = 1 of exactly {@code newTokens} per sequence; new tokens per second. Also prints the
   * model FLOP/s of the median run (prefill and every decode step) as {@code <label>_tflops}.
   */
  private double sample(Policy policy, int batch, int newTokens, String label) {
    List<int[]> prompts = new ArrayList<>();
    SplittableRandom random = new SplittableRandom(5);
    int width = 0;
    for (int i = 0; i < batch; i++) {
      prompts.add(tokenizer.encode(task.generate(random).prompt()));
      width = Math.max(width, prompts.get(i).length + 1); // + BOS: every row is left-padded to this width
    }
    double[] seconds = new double[options.repeats() + 1];
    for (int r = 0; r < seconds.length; r++) {
      List<SplittableRandom> randoms = new ArrayList<>();
      for (int i = 0; i < batch; i++) {
        randoms.add(Seeds.stream(1, r, i));
      }
      long t0 = System.nanoTime();
      new Sampler(policy).generate(prompts, randoms, new DecodeOptions(1.0, 0, 1.0, newTokens, newTokens), true);
      seconds[r] = (System.nanoTime() - t0) / 1e9;
    }
    double median = median(seconds, 1);
    flops(label, batch * ModelFlops.sampling(policy.spec(), tokenizer.vocabSize(), width, newTokens), median);
    return (double) batch * newTokens / median;
  }

  /** Prints the achieved model TFLOP/s, and the MFU when the peak was given. */
  private void flops(String label, double flops, double seconds) {
    double tflops = flops / seconds / 1e12;
    print(label + "_tflops", tflops);
    options.peakTflops().ifPresent(peak -> print(label + "_mfu", tflops / peak));
  }

  /** One RL step (reinforce, group-mean baseline, KL measured) at 32 prompts × 8 samples × 128 tokens. */
  private void rlStep(Policy policy) {
    SamplingSpec fixedLength = new SamplingSpec(Schedule.constant(1.0), 0, 1.0, 128, 8, 128);
    RlSpec spec = new RlSpec(new RewardExpr.ExactAnswer(), fixedLength, 32,
        new Algorithm.Reinforce(Algorithm.Baseline.GROUP_MEAN), Optional.empty(), Schedule.constant(1e-5),
        options.repeats() + 1, 1, Optional.empty(), Prioritize.UNIFORM, Optional.empty(), 0, 1.0);
    double[] sampleS = new double[options.repeats() + 1];
    double[] scoreS = new double[options.repeats() + 1];
    double[] trainS = new double[options.repeats() + 1];
    double[] tokensPerS = new double[options.repeats() + 1];
    try (RlTrainer trainer = new RlTrainer(policy.copy(), task, spec, StageContext.of("bench", 0, 1))) {
      int[] r = {0};
      trainer.run(new StageListener() {
        @Override
        public void onStep(dev.verity.engine.train.StepMetrics m) {
          sampleS[r[0]] = trainer.times().sampling;
          scoreS[r[0]] = trainer.times().scoring;
          trainS[r[0]] = trainer.times().training;
          tokensPerS[r[0]++] = m.tokensPerS();
        }
      });
    }
    double sampling = median(sampleS, 1);
    double scoring = median(scoreS, 1);
    double training = median(trainS, 1);
    print("rl_step_s", sampling + scoring + training);
    print("rl_step_sampling_s", sampling);
    print("rl_step_scoring_s", scoring);
    print("rl_step_training_s", training);
    print("rl_step_tokens_per_s", median(tokensPerS, 1));
  }

  private int[] randomIds(SplittableRandom random, int length) {
    int[] ids = new int[length];
    for (int i = 0; i < length; i++) {
      ids[i] = 3 + random.nextInt(tokenizer.vocabSize() - 3);
    }
    return ids;
  }

  /** The median of the values after the first {@code warmup}. */
  private static double median(double[] values, int warmup) {
    double[] timed = Arrays.copyOfRange(values, warmup, values.length);
    Arrays.sort(timed);
    return timed[timed.length / 2];
  }

  /** Resident memory of this process in MB, from /proc (Linux). */
  static long rssMb() {
    try {
      for (String line : Files.readAllLines(Path.of("/proc/self/status"))) {
        if (line.startsWith("VmRSS:")) {
          return Long.parseLong(line.replaceAll("[^0-9]", "")) / 1024;
        }
      }
    } catch (IOException | NumberFormatException e) {
      return -1;
    }
    return -1;
  }

  private void print(String name, double value) {
    out.println(name + ": " + String.format(Locale.ROOT, value >= 100 ? "%.0f" : "%.3f", value));
  }

  private void print(String name, long value) {
    out.println(name + ": " + value);
  }

  private void print(String name, String value) {
    out.println(name + ": " + value);
  }
}
