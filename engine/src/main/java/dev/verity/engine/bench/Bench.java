package dev.verity.engine.bench;

import ai.djl.Device;
import dev.verity.engine.model.ModelSpec;
import dev.verity.engine.model.Policy;
import dev.verity.engine.model.RecomputingPass;
import dev.verity.engine.optim.AdamW;
import dev.verity.engine.optim.Schedule;
import dev.verity.engine.reward.RewardExpr;
import dev.verity.engine.rl.Algorithm;
import dev.verity.engine.rl.Prioritize;
import dev.verity.engine.rl.RlSpec;
import dev.verity.engine.rl.RlTrainer;
import dev.verity.engine.runtime.MklOnAmd;
import dev.verity.engine.runtime.NativeLibrary;
import dev.verity.engine.runtime.TorchRuntime;
import dev.verity.engine.sample.SamplingSpec;
import dev.verity.engine.task.AdditionTask;
import dev.verity.engine.task.LevelRange;
import dev.verity.engine.task.Task;
import dev.verity.engine.tokenizer.CharTokenizer;
import dev.verity.engine.train.StageContext;
import dev.verity.engine.train.StageListener;
import dev.verity.engine.train.StepMetrics;
import java.io.IOException;
import java.io.PrintStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.Optional;

/**
 * Throughput of the standard model (4 layers, 4 heads, dim 128, context 160) on the work of an RL step:
 * KV-cache sampling and a policy-gradient training step (see {@link Workload}) at 64 × 64 tokens and at the RL
 * shape, 256 sequences × 128 new tokens, then one whole RL step of 32 prompts × 8 samples × 128 tokens split
 * into sampling, scoring and training. Prints one {@code name: value} per line; each figure is the median of
 * {@code --repeats} (5) timed runs after a warm-up.
 *
 * <p>With {@code --reference}, the RL-shape figures are measured side by side with the PyTorch-eager reference
 * ({@link Reference}), alternating run by run on the same prompts and sequences, and their ratio printed. With
 * {@code --rss-steps N}, it runs N RL steps at the RL shape instead and prints the resident memory every 100.
 * With {@code --size large} or both (the default on a GPU) it also measures a larger model (8 layers, 8 heads, dim
 * 512) at the RL shape, where a GPU is not bound by launching kernels; each throughput comes with the model FLOP/s
 * it reached and, given the device's peak, the model FLOP utilisation. {@code --determinism N} probes whether
 * one training step's gradients are the same bits N times ({@link DeterminismProbe}). See {@link BenchOptions}.
 */
public final class Bench {
  static final ModelSpec STANDARD = new ModelSpec(4, 4, 128, 160);
  static final ModelSpec LARGE = new ModelSpec(8, 8, 512, 160);
  private static final int RSS_EVERY = 100;

  private final PrintStream out;
  private final BenchOptions options;
  private final Task task = new AdditionTask(new LevelRange(2, 6));
  private final CharTokenizer tokenizer = CharTokenizer.of(task.alphabet());

  public Bench(PrintStream out, BenchOptions options) {
    this.out = out;
    this.options = options;
  }

  public static void main(String[] args) throws IOException {
    System.exit(execute(args));
  }

  /**
   * Runs the benchmark with {@link BenchOptions#parse}'s arguments. Returns the exit status: 0, or 2 when the
   * arguments are wrong or the reference cannot run here (the message, with the fix, goes to standard error).
   */
  public static int execute(String[] args) throws IOException {
    BenchOptions options;
    try {
      options = BenchOptions.parse(args);
    } catch (IllegalArgumentException e) {
      System.err.println("verity: bench: " + e.getMessage());
      return 2;
    }
    Bench bench = new Bench(System.out, options);
    try {
      bench.run();
      return 0;
    } catch (Reference.Unavailable e) {
      System.err.println("verity: bench --reference: " + e.getMessage());
      return 2;
    }
  }

  public void run() throws Reference.Unavailable, IOException {
    TorchRuntime.noGradOnThisThread();
    Device device = TorchRuntime.defaultDevice();
    print("device", device.toString());
    print("natives", NativeLibrary.loaded().describe());
    MklOnAmd.current().ifPresent(kernels -> print("mkl_kernels", kernels));
    print("threads", Integer.toString(TorchRuntime.threads()));
    print("interop_threads", Integer.toString(TorchRuntime.interopThreads()));
    print("allocator", allocator());
    print("load_average_1min", loadAverage());
    if (options.determinism() > 0) {
      new DeterminismProbe(out, task, tokenizer).run(device, options.determinism());
      return;
    }
    if (options.rssSteps() > 0) {
      rssOverSteps(options.rssSteps());
      return;
    }
    options.peakTflops().ifPresent(p -> print("peak_tflops", p + " (as given: MFU below is model FLOP/s over it)"));
    String rl = options.rows() + "x128";
    Reference.Memory referenceMemory = null;
    if (options.standard(device)) {
      try (Policy policy = Policy.initialise(STANDARD, tokenizer, 1, device);
          AdamW adam = new AdamW(trainable(policy), policy.weights().manager())) {
        print("parameters", policy.weights().count());
        Workload small = Workload.of(task, tokenizer, 64, 64);
        Figures smallFigures = measure(policy, adam, small, null, "64x64");
        print("train_tokens_per_s_64x64", smallFigures.train.verity());
        print("sample_tokens_per_s_64x64", smallFigures.sample.verity());
        Workload work = Workload.of(task, tokenizer, options.rows(), 128);
        Figures rlFigures;
        if (options.reference()) {
          try (Reference reference = Reference.start(home(), tokenizer.vocabSize(), STANDARD.layers(),
              STANDARD.heads(), STANDARD.dim(), STANDARD.context(), TorchRuntime.threads())) {
            print("reference", "PyTorch " + reference.torchVersion + " eager (" + reference.python + " "
                + Reference.SCRIPT + "), " + (reference.tcmalloc ? "tcmalloc" : "glibc malloc") + ", BLAS "
                + reference.blas);
            if (reference.slowBlas()) {
              print("reference_warning", "its BLAS is netlib's reference one (" + reference.blas + "), ~24× slower"
                  + " than OpenBLAS: the ratios below say nothing. Install libopenblas0-openmp and run again.");
            }
            if (!reference.heldBack.isEmpty()) {
              print("reference_warning", "OPENBLAS_CORETYPE=" + reference.heldBack + " in the environment holds its"
                  + " BLAS to AVX2 kernels on a CPU with AVX-512 (~1.5× slower matrix products), so the ratios below"
                  + " flatter Verity: run `env -u OPENBLAS_CORETYPE bin/verity bench --reference` for a fair one.");
            }
            rlFigures = measure(policy, adam, work, reference, rl);
            referenceMemory = reference.memory();
          }
        } else {
          rlFigures = measure(policy, adam, work, null, rl);
        }
        print("train_tokens_per_s_" + rl, rlFigures.train.verity());
        print("train_recomputed_blocks_" + rl,
            Integer.toString(RecomputingPass.blocksToRecompute(STANDARD, work.prompts.size(), work.width())));
        print("sample_tokens_per_s_" + rl, rlFigures.sample.verity());
        if (options.reference()) {
          print("reference_train_tokens_per_s_" + rl, rlFigures.train.reference());
          print("reference_sample_tokens_per_s_" + rl, rlFigures.sample.reference());
          print("train_ratio_" + rl, rlFigures.train.ratio());
          print("sample_ratio_" + rl, rlFigures.sample.ratio());
        }
        rlStep(policy);
      }
    }
    if (options.large(device)) {
      try (Policy policy = Policy.initialise(LARGE, tokenizer, 1, device);
          AdamW adam = new AdamW(trainable(policy), policy.weights().manager())) {
        print("large_model", LARGE.toString());
        print("large_parameters", policy.weights().count());
        Figures large = measure(policy, adam, Workload.of(task, tokenizer, options.rows(), 128), null, "large_" + rl);
        print("large_train_tokens_per_s_" + rl, large.train.verity());
        print("large_sample_tokens_per_s_" + rl, large.sample.verity());
      }
    }
    print("rss_mb", memoryMb("VmRSS"));
    print("rss_peak_mb", memoryMb("VmHWM"));
    if (referenceMemory != null) {
      print("reference_rss_mb", referenceMemory.rssMb());
      print("reference_rss_peak_mb", referenceMemory.peakMb());
    }
  }

  /** Tokens per second of one side (median of the timed runs), and of the reference when it ran. */
  private record Pair(double verity, double reference) {
    double ratio() {
      return verity / reference;
    }
  }

  private record Figures(Pair sample, Pair train) {}

  /**
   * Sampling and training on {@code work}, each repeated after a warm-up run; with a reference, each Verity run
   * is followed by the reference's run of the same work, so both see the same machine load.
   */
  private Figures measure(Policy policy, AdamW adam, Workload work, Reference reference, String label)
      throws IOException {
    int runs = options.repeats() + 1;
    double[][] sample = new double[2][runs];
    double[][] train = new double[2][runs];
    List<int[]> responses = null; // the warm-up's samples: every training run trains on these sequences
    long trainTokens = 0;
    for (int r = 0; r < runs; r++) {
      long t0 = System.nanoTime();
      int[][] drawn = work.sample(policy, r).responses();
      sample[0][r] = (System.nanoTime() - t0) / 1e9;
      if (responses == null) {
        responses = List.of(drawn);
      }
      if (reference != null) {
        sample[1][r] = reference.sample(work.prompts, work.newTokens);
      }
      t0 = System.nanoTime();
      trainTokens = work.train(policy, adam, responses);
      train[0][r] = (System.nanoTime() - t0) / 1e9;
      if (reference != null) {
        train[1][r] = reference.train(work.prompts, responses, work.advantages);
      }
    }
    double sampled = (double) work.prompts.size() * work.newTokens;
    int vocab = tokenizer.vocabSize();
    ModelSpec spec = policy.spec();
    flops("train_" + label, ModelFlops.training(spec, vocab, work.width()) * work.prompts.size() * work.width(),
        median(train[0], 1));
    flops("sample_" + label, work.prompts.size() * ModelFlops.sampling(spec, vocab, work.promptWidth(),
        work.newTokens), median(sample[0], 1));
    return new Figures(
        new Pair(sampled / median(sample[0], 1), reference == null ? Double.NaN : sampled / median(sample[1], 1)),
        new Pair(trainTokens / median(train[0], 1),
            reference == null ? Double.NaN : trainTokens / median(train[1], 1)));
  }

  /** Prints the achieved model TFLOP/s, and the MFU when the peak was given. */
  private void flops(String label, double flops, double seconds) {
    double tflops = flops / seconds / 1e12;
    print(label + "_tflops", tflops);
    options.peakTflops().ifPresent(peak -> print(label + "_mfu", tflops / peak));
  }

  /** One RL step (reinforce, group-mean baseline, KL measured) at 32 prompts × 8 samples × 128 tokens. */
  private void rlStep(Policy policy) {
    int runs = options.repeats() + 1;
    double[] sampleS = new double[runs];
    double[] scoreS = new double[runs];
    double[] trainS = new double[runs];
    double[] tokensPerS = new double[runs];
    try (RlTrainer trainer = new RlTrainer(policy.copy(), task, rlSpec(runs), StageContext.of("bench", 0, 1))) {
      int[] r = {0};
      trainer.run(new StageListener() {
        @Override
        public void onStep(StepMetrics m) {
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

  /** {@code steps} RL steps at the RL shape, printing resident memory every {@value #RSS_EVERY}. */
  public void rssOverSteps(int steps) {
    TorchRuntime.noGradOnThisThread();
    print("threads", Integer.toString(TorchRuntime.threads()));
    print("allocator", allocator());
    try (Policy policy = Policy.initialise(STANDARD, tokenizer, 1, TorchRuntime.defaultDevice());
        RlTrainer trainer = new RlTrainer(policy, task, rlSpec(steps), StageContext.of("bench", 0, 1))) {
      long started = System.nanoTime();
      trainer.run(new StageListener() {
        @Override
        public void onStep(StepMetrics m) {
          long done = m.step() + 1;
          if (done == 1 || done % RSS_EVERY == 0) {
            out.printf(Locale.ROOT, "step %d: rss_mb %d, rss_peak_mb %d, elapsed_s %.0f, step_s %.2f%n", done,
                memoryMb("VmRSS"), memoryMb("VmHWM"),
                (System.nanoTime() - started) / 1e9, trainer.times().sampling + trainer.times().training);
          }
        }
      });
    }
  }

  /** Reinforce with the group-mean baseline at 32 prompts × 8 samples × exactly 128 tokens. */
  private static RlSpec rlSpec(int steps) {
    SamplingSpec fixedLength = new SamplingSpec(Schedule.constant(1.0), 0, 1.0, 128, 8, 128);
    return new RlSpec(new RewardExpr.ExactAnswer(), fixedLength, 32,
        new Algorithm.Reinforce(Algorithm.Baseline.GROUP_MEAN), Optional.empty(), Schedule.constant(1e-5),
        steps, 1, Optional.empty(), Prioritize.UNIFORM, Optional.empty(), 0, 1.0);
  }

  private static List<ai.djl.ndarray.NDArray> trainable(Policy policy) {
    policy.weights().requireGradients();
    return policy.weights().arrays();
  }

  /** The repository root: {@code -Dverity.home} (bin/verity sets it), else the current folder. */
  private static Path home() {
    return Path.of(System.getProperty("verity.home", "."));
  }

  /** tcmalloc when this process has it loaded (bin/verity preloads it where installed), else glibc malloc. */
  static String allocator() {
    try {
      return Files.readString(Path.of("/proc/self/maps")).contains("libtcmalloc") ? "tcmalloc" : "glibc malloc";
    } catch (IOException e) {
      return "unknown";
    }
  }

  private static String loadAverage() {
    try {
      return Files.readString(Path.of("/proc/loadavg")).split(" ")[0];
    } catch (IOException e) {
      return "unknown";
    }
  }

  /** The median of the values after the first {@code warmup}. */
  private static double median(double[] values, int warmup) {
    double[] timed = Arrays.copyOfRange(values, warmup, values.length);
    Arrays.sort(timed);
    return timed[timed.length / 2];
  }

  /** A memory figure of this process in MB from /proc/self/status: VmRSS now, VmHWM the peak (Linux). */
  static long memoryMb(String field) {
    try {
      for (String line : Files.readAllLines(Path.of("/proc/self/status"))) {
        if (line.startsWith(field + ":")) {
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
    out.flush(); // a long benchmark shows its figures as they come
  }

  private void print(String name, String value) {
    out.println(name + ": " + value);
    out.flush();
  }
}
