package dev.verity.engine.sft;

import ai.djl.engine.Engine;
import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import ai.djl.training.GradientCollector;
import dev.verity.engine.metric.Metric;
import dev.verity.engine.model.Policy;
import dev.verity.engine.rng.Seeds;
import dev.verity.engine.runtime.Tensors;
import dev.verity.engine.task.Problem;
import dev.verity.engine.task.Task;
import dev.verity.engine.task.TraceStyle;
import dev.verity.engine.tokenizer.CharTokenizer;
import dev.verity.engine.train.SequenceBatch;
import dev.verity.engine.train.StageContext;
import dev.verity.engine.train.StageListener;
import dev.verity.engine.train.StepMetrics;
import dev.verity.engine.train.Trainer;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;
import java.util.SplittableRandom;

/**
 * Supervised fine-tuning on a task's reference traces: teacher forcing, loss on response tokens only.
 *
 * <p>Each example's trace style is drawn by the mix's weights, so every step sees every style; the examples
 * of one style form one padded batch, so short direct answers are not padded to scratchpad length. Problem b
 * of step s comes from the stream (seed, stage, s, b) and its style from (seed, stage, s, b, 1), so a step's
 * batch does not depend on any earlier step.
 */
public final class SftTrainer extends Trainer {
  private final Task task;
  private final SftSpec spec;

  public SftTrainer(Policy policy, Task task, SftSpec spec, StageContext context) {
    super(policy, context, spec.steps());
    this.task = task;
    this.spec = spec;
  }

  @Override
  protected StepMetrics step(long step, long started, StageListener listener) {
    long t0 = System.nanoTime();
    // data: problem b and its trace style drawn from its own streams, then grouped by style
    CharTokenizer tokenizer = policy.tokenizer();
    Map<TraceStyle, List<int[]>> prompts = new EnumMap<>(TraceStyle.class);
    Map<TraceStyle, List<int[]>> responses = new EnumMap<>(TraceStyle.class);
    for (int b = 0; b < spec.batch(); b++) {
      Problem problem = task.generate(Seeds.stream(context.seed(), context.stageIndex(), step, b));
      TraceStyle style = drawStyle(Seeds.stream(context.seed(), context.stageIndex(), step, b, 1));
      int[] prompt = tokenizer.encode(problem.prompt());
      String trace = task.trace(problem, style, spec.reflectP(),
          Seeds.stream(context.seed(), context.stageIndex(), step, b, 2)); // drawn from only by reflect
      int[] response = withEos(tokenizer.encode(trace));
      requireFits(problem, style, prompt.length, response.length);
      prompts.computeIfAbsent(style, s -> new ArrayList<>()).add(prompt);
      responses.computeIfAbsent(style, s -> new ArrayList<>()).add(response);
    }
    double lr = spec.lr().value(step, spec.steps());
    double loss;
    double gradNorm;
    long tokens = 0;
    try (NDManager manager = policy.newStepManager()) {
      // forward, backward: one batch per style, so short answers are not padded to scratchpad length; the loss
      // is the mean over every response token of the step, whatever its style
      List<SequenceBatch> batches = new ArrayList<>();
      long scored = 0;
      for (TraceStyle style : prompts.keySet()) {
        SequenceBatch batch = new SequenceBatch(manager, prompts.get(style), responses.get(style));
        batches.add(batch);
        scored += batch.responseTokens;
        tokens += batch.tokens;
      }
      try (GradientCollector collector = Engine.getInstance().newGradientCollector()) {
        NDArray nll = null;
        for (SequenceBatch batch : batches) {
          NDArray logp = batch.targetLogProbs(policy.transformer().logits(batch.inputs)); // (B_style, T)
          NDArray sum = logp.mul(batch.targetMask).sum().neg();
          nll = nll == null ? sum : nll.add(sum);
        }
        nll = nll.div(Tensors.scalar(nll, scored)); // mean over the step's response tokens
        collector.backward(nll);
        loss = nll.getFloat();
      }
      // clip, update
      gradNorm = optimizer.step(policy.weights().arrays(), manager, lr, spec.weightDecay(), spec.clipNorm());
    }
    double seconds = (System.nanoTime() - t0) / 1e9;
    return StepMetrics.of(context.stage(), step)
        .with(Metric.LOSS, loss)
        .with(Metric.LR, lr)
        .with(Metric.GRAD_NORM, gradNorm)
        .with(Metric.TOKENS_PER_S, tokens / seconds)
        .with(Metric.ELAPSED_S, (System.nanoTime() - started) / 1e9);
  }

  /**
   * The model reads BOS, the prompt and the response without its last token: past the context there are no
   * positions. The checker rules this out from the task's bounds; this guard names the example if one slips by.
   */
  private void requireFits(Problem problem, TraceStyle style, int prompt, int response) {
    int context = policy.spec().context();
    int needed = prompt + response; // (1 BOS + prompt + response) − 1, the last token only being a target
    if (needed > context) {
      throw new IllegalArgumentException("model context " + context + " is too short for this " + style.id()
          + " example of " + task.name() + ", which needs " + needed + " tokens (prompt " + prompt + " + trace "
          + (response - 1) + " + 1): raise context to " + needed + " or lower the task's difficulty; problem "
          + problem.prompt());
    }
  }

  private TraceStyle drawStyle(SplittableRandom random) {
    // walk the styles in declaration order, whatever map the spec holds, so the draw is reproducible
    double total = 0;
    for (TraceStyle style : TraceStyle.values()) {
      total += weight(style);
    }
    double u = random.nextDouble() * total;
    TraceStyle last = TraceStyle.DIRECT;
    for (TraceStyle style : TraceStyle.values()) {
      if (weight(style) > 0) {
        last = style;
        u -= weight(style);
        if (u < 0) {
          return style;
        }
      }
    }
    return last;
  }

  private double weight(TraceStyle style) {
    return Math.max(0, spec.traces().getOrDefault(style, 0.0));
  }

  /** The ids followed by the end marker. */
  public static int[] withEos(int[] ids) {
    int[] out = Arrays.copyOf(ids, ids.length + 1);
    out[ids.length] = CharTokenizer.EOS;
    return out;
  }
}
