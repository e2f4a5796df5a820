package dev.verity.engine.bench;

import ai.djl.engine.Engine;
import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.Shape;
import ai.djl.training.GradientCollector;
import dev.verity.engine.model.Policy;
import dev.verity.engine.model.RecomputingPass;
import dev.verity.engine.optim.AdamW;
import dev.verity.engine.rng.Seeds;
import dev.verity.engine.sample.DecodeOptions;
import dev.verity.engine.sample.Generation;
import dev.verity.engine.sample.Sampler;
import dev.verity.engine.task.Task;
import dev.verity.engine.tokenizer.CharTokenizer;
import dev.verity.engine.train.SequenceBatch;
import java.util.ArrayList;
import java.util.List;
import java.util.SplittableRandom;

/**
 * One benchmark shape's data and the two pieces of work the benchmark times, written exactly as the PyTorch
 * reference ({@code bench/reference/gpt_eager.py}) does them:
 *
 * <ul>
 *   <li>sampling: KV-cache decoding at temperature 1 of exactly {@code newTokens} per prompt (the end marker is
 *       held back until then); a token is a new token;
 *   <li>training: one policy-gradient step on prompt + response sequences, REINFORCE on the response tokens
 *       (loss = −mean_i(A_i · Σ_t log π)), global gradient-norm clip at 1, AdamW; a token is a response token,
 *       the tokens the loss scores.
 * </ul>
 */
final class Workload {
  static final double LR = 1e-4;
  static final double CLIP = 1.0;
  private static final int[] TOKENS = {1};

  final List<int[]> prompts; // token ids, without BOS
  final int newTokens;
  final float[] advantages; // one per sequence, ±1

  private Workload(List<int[]> prompts, int newTokens, float[] advantages) {
    this.prompts = prompts;
    this.newTokens = newTokens;
    this.advantages = advantages;
  }

  /** {@code batch} prompts of {@code task} from a fixed seed, and fixed ±1 advantages. */
  static Workload of(Task task, CharTokenizer tokenizer, int batch, int newTokens) {
    SplittableRandom random = new SplittableRandom(5);
    List<int[]> prompts = new ArrayList<>(batch);
    float[] advantages = new float[batch];
    for (int i = 0; i < batch; i++) {
      prompts.add(tokenizer.encode(task.generate(random).prompt()));
      advantages[i] = random.nextBoolean() ? 1f : -1f;
    }
    return new Workload(prompts, newTokens, advantages);
  }

  /** Tokens a sequence starts with: BOS and the longest prompt (shorter prompts are padded to it). */
  int promptWidth() {
    return 1 + prompts.stream().mapToInt(p -> p.length).max().orElse(0);
  }

  /** Tokens a training sequence is read at: BOS + the longest prompt + the response, less the last. */
  int width() {
    return promptWidth() + newTokens - 1;
  }

  /** Sampling as timed; {@code repeat} picks the random streams, so each repeat draws other tokens. */
  Generation sample(Policy policy, int repeat) {
    List<SplittableRandom> randoms = new ArrayList<>(prompts.size());
    for (int i = 0; i < prompts.size(); i++) {
      randoms.add(Seeds.stream(1, repeat, i));
    }
    DecodeOptions fixedLength = new DecodeOptions(1.0, 0, 1.0, newTokens, newTokens);
    return new Sampler(policy).generate(prompts, randoms, fixedLength, true);
  }

  /** One policy-gradient step on these prompts and {@code responses}; returns the response tokens scored. */
  long train(Policy policy, AdamW adam, List<int[]> responses) {
    try (NDManager step = policy.newStepManager()) {
      SequenceBatch batch = new SequenceBatch(step, prompts, responses);
      try (GradientCollector collector = Engine.getInstance().newGradientCollector()) {
        RecomputingPass pass = RecomputingPass.run(policy.transformer(), batch.inputs);
        NDArray logp = batch.responseLogProbs(pass.logits()); // (N, R)
        NDArray adv = step.create(advantages, new Shape(advantages.length)); // (N)
        NDArray loss = logp.sum(TOKENS).mul(adv).mean().neg(); // −mean_i(A_i · Σ_t log π)
        collector.backward(loss);
        pass.finishBackward();
      }
      adam.step(policy.weights().arrays(), step, LR, 0, CLIP);
      return batch.responseTokens;
    }
  }
}
