package dev.verity.engine.bench;

import ai.djl.engine.Engine;
import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import ai.djl.pytorch.engine.PtNDArray;
import ai.djl.pytorch.jni.JniUtils;
import ai.djl.training.GradientCollector;
import dev.verity.engine.model.ModelSpec;
import dev.verity.engine.model.Policy;
import dev.verity.engine.rng.Seeds;
import dev.verity.engine.runtime.DeterministicOps;
import dev.verity.engine.runtime.Tensors;
import dev.verity.engine.sft.SftTrainer;
import dev.verity.engine.task.Problem;
import dev.verity.engine.task.Task;
import dev.verity.engine.task.TraceStyle;
import dev.verity.engine.tokenizer.CharTokenizer;
import dev.verity.engine.train.SequenceBatch;
import java.io.PrintStream;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * Whether one training step's gradients are the same bits every time on this device: the same weights and batch,
 * forward and backward {@code repeats} times, each weight's gradient hashed. Run with today's lookups (embedding,
 * gather) and with {@link DeterministicOps}' one-hot formulations, on an SFT batch (the headline's mix of direct
 * answers and scratchpads) and an RL-shaped one. A weight whose gradient takes more than one value names the op that
 * sums in a varying order. {@code verity bench --determinism N}.
 */
final class DeterminismProbe {
  private final PrintStream out;
  private final Task task;
  private final CharTokenizer tokenizer;

  DeterminismProbe(PrintStream out, Task task, CharTokenizer tokenizer) {
    this.out = out;
    this.task = task;
    this.tokenizer = tokenizer;
  }

  /** Both batches under both formulations, {@code repeats} times each, on {@code device}. */
  void run(ai.djl.Device device, int repeats) {
    ModelSpec spec = new ModelSpec(4, 4, 128, 160);
    String before = System.getProperty(DeterministicOps.PROPERTY);
    try (Policy policy = Policy.initialise(spec, tokenizer, 7, device)) {
      policy.weights().requireGradients();
      for (String ops : List.of("never", "always")) {
        System.setProperty(DeterministicOps.PROPERTY, ops);
        String label = ops.equals("never") ? "embedding_gather" : "one_hot";
        report("determinism_sft_" + label, policy, sftBatch(), repeats);
        report("determinism_rl_" + label, policy, rlBatch(), repeats);
      }
    } finally {
      if (before == null) {
        System.clearProperty(DeterministicOps.PROPERTY);
      } else {
        System.setProperty(DeterministicOps.PROPERTY, before);
      }
    }
  }

  /** Prompts and responses of one padded batch. */
  private record Pairs(List<int[]> prompts, List<int[]> responses) {
    Pairs() {
      this(new ArrayList<>(), new ArrayList<>());
    }

    void add(int[] prompt, int[] response) {
      prompts.add(prompt);
      responses.add(response);
    }
  }

  /** 128 problems as the headline's SFT draws them: 80% direct answers, 20% scratchpads, one batch per style. */
  private List<Pairs> sftBatch() {
    Pairs direct = new Pairs();
    Pairs scratchpad = new Pairs();
    for (int b = 0; b < 128; b++) {
      Problem problem = task.generate(Seeds.stream(7, 0, 715, b));
      TraceStyle style = b % 5 == 4 ? TraceStyle.SCRATCHPAD : TraceStyle.DIRECT;
      (style == TraceStyle.DIRECT ? direct : scratchpad).add(tokenizer.encode(problem.prompt()),
          SftTrainer.withEos(tokenizer.encode(task.trace(problem, style))));
    }
    return List.of(direct, scratchpad);
  }

  /** 256 responses of mixed lengths, as an RL step of 32 prompts × 8 samples trains on. */
  private List<Pairs> rlBatch() {
    Pairs pairs = new Pairs();
    for (int b = 0; b < 256; b++) {
      Problem problem = task.generate(Seeds.stream(7, 1, 3, b / 8));
      pairs.add(tokenizer.encode(problem.prompt()),
          SftTrainer.withEos(tokenizer.encode(task.trace(problem, TraceStyle.values()[b % 2]))));
    }
    return List.of(pairs);
  }

  /** Prints how many distinct loss values and gradients each weight took over the repeats. */
  private void report(String label, Policy policy, List<Pairs> batches, int repeats) {
    Set<Integer> losses = new HashSet<>();
    Map<String, Set<Integer>> gradients = new LinkedHashMap<>();
    for (String name : policy.weights().names()) {
      gradients.put(name, new HashSet<>());
    }
    long t0 = System.nanoTime();
    for (int r = 0; r < repeats; r++) {
      try (NDManager step = policy.newStepManager()) {
        try (GradientCollector collector = Engine.getInstance().newGradientCollector()) {
          NDArray loss = null;
          for (Pairs pairs : batches) {
            SequenceBatch batch = new SequenceBatch(step, pairs.prompts(), pairs.responses());
            NDArray logits = policy.transformer().logits(batch.inputs); // (N, T, V)
            NDArray part = batches.size() > 1
                ? batch.targetLogProbs(logits).mul(batch.targetMask).sum().neg() // SFT: target tokens
                : batch.responseLogProbs(logits).sum().neg(); // RL: response tokens picked by column
            loss = loss == null ? part : loss.add(part);
          }
          loss = loss.div(Tensors.scalar(loss, 1000));
          collector.backward(loss);
          losses.add(Float.floatToRawIntBits(loss.getFloat()));
        }
        for (String name : policy.weights().names()) {
          NDArray w = policy.weights().get(name);
          try (NDArray grad = w.getGradient()) {
            gradients.get(name).add(Arrays.hashCode(grad.toFloatArray()));
          }
          JniUtils.zeroGrad((PtNDArray) w); // the next repeat starts from zero, as after an optimiser step
        }
      }
    }
    List<String> varying = new ArrayList<>();
    gradients.forEach((name, hashes) -> {
      if (hashes.size() > 1) {
        varying.add(name + " (" + hashes.size() + " values)");
      }
    });
    out.println(label + ": " + repeats + " repeats in " + String.format(java.util.Locale.ROOT, "%.1f s",
        (System.nanoTime() - t0) / 1e9) + ", loss took " + losses.size() + (losses.size() == 1 ? " value" : " values")
        + ", " + (varying.isEmpty() ? "every gradient the same bits" : "gradients that varied: "
        + String.join(", ", varying)));
  }
}
