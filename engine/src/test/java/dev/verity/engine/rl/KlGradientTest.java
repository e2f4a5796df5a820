package dev.verity.engine.rl;

import static org.junit.jupiter.api.Assertions.assertTrue;

import ai.djl.engine.Engine;
import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.Shape;
import ai.djl.training.GradientCollector;
import dev.verity.engine.optim.Schedule;
import dev.verity.engine.rl.Algorithm.Baseline;
import dev.verity.engine.rl.KlSpec.Estimator;
import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;

/**
 * The KL term alone, with every advantage 0, must pull a policy toward its target: a categorical policy over 5
 * tokens (one-token responses), trained by plain gradient descent on {@link PolicyLoss} with only the KL term,
 * ends with a much smaller KL(π‖π_ref) than it started with, for every estimator, every algorithm's aggregation,
 * and both targets.
 *
 * <p>{@code to: reference} samples from the policy being trained (the first epoch of a batch); {@code to:
 * previous} samples from the target itself (the previous iterate sampled the batch, later epochs moved away
 * from it), so this also covers the off-policy case.
 */
class KlGradientTest {
  private static final double[] START = {2.0, 0.0, 0.0, 0.0, -1.0};
  private static final double[] TARGET = {0.0, 1.0, 0.0, -1.0, 0.5};
  private static final int SAMPLES = 64;
  private static final int STEPS = 150;
  private static final double LR = 0.5;

  private static final Algorithm[] ALGORITHMS = {
    new Algorithm.Reinforce(Baseline.GROUP_MEAN), new Algorithm.Grpo(0.2), new Algorithm.DrGrpo(0.2),
    new Algorithm.Rloo(), new Algorithm.ReinforcePp(0.2), new Algorithm.K15(0.05), new Algorithm.Rft()
  };

  @Test
  void everyEstimatorPullsThePolicyToItsTarget() {
    for (KlSpec.Target target : KlSpec.Target.values()) {
      for (Estimator estimator : Estimator.values()) {
        for (Algorithm algorithm : ALGORITHMS) {
          double before = kl(START, TARGET);
          double after = kl(trained(algorithm, estimator, target), TARGET);
          String what = estimator.id() + " to " + target + " under " + algorithm.name();
          assertTrue(after < before / 20, what + ": KL " + before + " -> " + after);
        }
      }
    }
  }

  /** The logits after {@link #STEPS} descent steps on the KL term alone. */
  private static double[] trained(Algorithm algorithm, Estimator estimator, KlSpec.Target target) {
    double[] theta = START.clone();
    SplittableRandom random = new SplittableRandom(11);
    KlSpec kl = new KlSpec(estimator, Schedule.constant(1.0), target);
    int v = theta.length;
    try (NDManager manager = NDManager.newBaseManager()) {
      NDArray targetLogp = manager.create(toFloats(logSoftmax(TARGET)));
      for (int step = 0; step < STEPS; step++) {
        double[] sampler = target == KlSpec.Target.PREVIOUS ? TARGET : theta;
        int[] tokens = sample(softmax(sampler), random);
        try (NDManager stepManager = manager.newSubManager()) {
          NDArray logits = stepManager.create(toFloats(theta));
          logits.setRequiresGradient(true);
          NDArray oneHot = stepManager.create(tokens).oneHot(v); // (N, V)
          NDArray ref = oneHot.mul(targetLogp).sum(new int[] {1}).reshape(SAMPLES, 1); // (N, 1)
          NDArray old = stepManager.create(toFloats(pick(logSoftmax(sampler), tokens)), new Shape(SAMPLES, 1));
          NDArray mask = stepManager.ones(new Shape(SAMPLES, 1));
          NDArray grad;
          try (GradientCollector collector = Engine.getInstance().newGradientCollector()) {
            NDArray logp = oneHot.mul(logits.logSoftmax(0)).sum(new int[] {1}).reshape(SAMPLES, 1); // (N, 1)
            PolicyLoss.Result result =
                PolicyLoss.compute(algorithm, logp, old, ref, mask, new double[SAMPLES], kl, 1.0, 1);
            collector.backward(result.loss());
            grad = logits.getGradient();
          }
          float[] g = grad.toFloatArray();
          for (int i = 0; i < v; i++) {
            theta[i] -= LR * g[i];
          }
        }
      }
    }
    return theta;
  }

  private static int[] sample(double[] p, SplittableRandom random) {
    int[] out = new int[SAMPLES];
    for (int s = 0; s < SAMPLES; s++) {
      double u = random.nextDouble();
      int i = 0;
      while (i < p.length - 1 && (u -= p[i]) > 0) {
        i++;
      }
      out[s] = i;
    }
    return out;
  }

  /** KL(softmax(a) ‖ softmax(b)), exactly. */
  static double kl(double[] a, double[] b) {
    double[] la = logSoftmax(a);
    double[] lb = logSoftmax(b);
    double sum = 0;
    for (int i = 0; i < a.length; i++) {
      sum += Math.exp(la[i]) * (la[i] - lb[i]);
    }
    return sum;
  }

  private static double[] softmax(double[] logits) {
    double[] l = logSoftmax(logits);
    for (int i = 0; i < l.length; i++) {
      l[i] = Math.exp(l[i]);
    }
    return l;
  }

  private static double[] logSoftmax(double[] logits) {
    double max = Double.NEGATIVE_INFINITY;
    for (double x : logits) {
      max = Math.max(max, x);
    }
    double z = 0;
    for (double x : logits) {
      z += Math.exp(x - max);
    }
    double log = max + Math.log(z);
    double[] out = new double[logits.length];
    for (int i = 0; i < logits.length; i++) {
      out[i] = logits[i] - log;
    }
    return out;
  }

  private static double[] pick(double[] values, int[] tokens) {
    double[] out = new double[tokens.length];
    for (int i = 0; i < tokens.length; i++) {
      out[i] = values[tokens[i]];
    }
    return out;
  }

  private static float[] toFloats(double[] values) {
    float[] out = new float[values.length];
    for (int i = 0; i < values.length; i++) {
      out[i] = (float) values[i];
    }
    return out;
  }
}
