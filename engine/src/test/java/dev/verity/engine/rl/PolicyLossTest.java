package dev.verity.engine.rl;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import ai.djl.engine.Engine;
import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.Shape;
import ai.djl.training.GradientCollector;
import dev.verity.engine.optim.Schedule;
import dev.verity.engine.rl.Algorithm.Baseline;
import dev.verity.engine.rl.KlSpec.Estimator;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * Each algorithm's loss on a 2 × 3 batch, against numbers worked out by hand.
 *
 * <pre>
 * logp  = [[-1.0, -2.0, -0.5],      mask = [[1, 1, 1],      A = [0.5, -1]
 *          [-0.5, -1.5, -3.0]]              [1, 1, 0]]      (the last token of row 2 is padding)
 * Σ logp·mask = S = [-3.5, -2.0]
 * ratio = π/π_old = [[1, 1.5, 0.5], [0.7, 1.1, 1]]     (oldLogp = logp − ln ratio)
 * logp − refLogp  = [[0.1, -0.2, 0], [0.3, 0, 5]]
 * </pre>
 */
class PolicyLossTest {
  private static final double TOL = 1e-5;
  private static final double[] ADV = {0.5, -1};

  private NDManager manager;
  private NDArray logp;
  private NDArray oldLogp;
  private NDArray refLogp;
  private NDArray mask;

  @BeforeEach
  void setUp() {
    manager = NDManager.newBaseManager();
    float[] lp = {-1f, -2f, -0.5f, -0.5f, -1.5f, -3f};
    double[] ratio = {1, 1.5, 0.5, 0.7, 1.1, 1};
    float[] toRef = {0.1f, -0.2f, 0f, 0.3f, 0f, 5f};
    float[] old = new float[6];
    float[] ref = new float[6];
    for (int i = 0; i < 6; i++) {
      old[i] = (float) (lp[i] - Math.log(ratio[i]));
      ref[i] = lp[i] - toRef[i];
    }
    logp = manager.create(lp, new Shape(2, 3));
    oldLogp = manager.create(old, new Shape(2, 3));
    refLogp = manager.create(ref, new Shape(2, 3));
    mask = manager.create(new float[] {1, 1, 1, 1, 1, 0}, new Shape(2, 3));
  }

  @AfterEach
  void tearDown() {
    manager.close();
  }

  private PolicyLoss.Result loss(Algorithm algorithm) {
    return PolicyLoss.compute(algorithm, logp, oldLogp, refLogp, mask, ADV, null, 0, 4);
  }

  @Test
  void reinforceAndRlooWeightTheSequenceLogProbability() {
    // −mean(A·S) = −(0.5·(−3.5) + (−1)·(−2)) / 2 = −(−1.75 + 2)/2 = −0.125
    assertEquals(-0.125, loss(new Algorithm.Reinforce(Baseline.GROUP_MEAN)).loss().getFloat(), TOL);
    assertEquals(-0.125, loss(new Algorithm.Rloo()).loss().getFloat(), TOL);
    assertEquals(0, loss(new Algorithm.Rloo()).clipFraction());
  }

  // The clipped surrogate, clip 0.2 (clip(ratio) = [[1, 1.2, 0.8], [0.8, 1.1, 1]]):
  // row 1, A = 0.5: ratio·A = [0.5, 0.75, 0.25], clip·A = [0.5, 0.6, 0.4]
  //                 → −min = [−0.5, −0.6, −0.25]   (token 2 clipped)
  // row 2, A = −1:  ratio·A = [−0.7, −1.1, −1], clip·A = [−0.8, −1.1, −1]
  //                 → −min = [0.8, 1.1, (1)]       (token 1 clipped)
  // masked sums: row 1 −1.35 over 3 tokens, row 2 1.9 over 2 tokens; 2 of 5 tokens clipped.

  @Test
  void grpoAveragesTheClippedSurrogatePerSequenceThenOverTheBatch() {
    PolicyLoss.Result r = loss(new Algorithm.Grpo(0.2));
    // (−1.35/3 + 1.9/2)/2 = (−0.45 + 0.95)/2 = 0.25
    assertEquals(0.25, r.loss().getFloat(), TOL);
    assertEquals(0.4, r.clipFraction(), TOL);
  }

  @Test
  void drGrpoDividesTokenSumsByMaxTokens() {
    // (−1.35/4 + 1.9/4)/2 = 0.06875
    PolicyLoss.Result r = loss(new Algorithm.DrGrpo(0.2));
    assertEquals(0.06875, r.loss().getFloat(), TOL);
    assertEquals(0.4, r.clipFraction(), TOL);
  }

  @Test
  void reinforcePpAveragesOverAllTokensOfTheBatch() {
    // (−1.35 + 1.9)/5 = 0.11
    assertEquals(0.11, loss(new Algorithm.ReinforcePp(0.2)).loss().getFloat(), TOL);
  }

  @Test
  void k15AddsTheSquaredDriftFromThePreviousIterate() {
    // S − S_old = ln(1·1.5·0.5) = ln 0.75 = −0.2876821 and ln(0.7·1.1) = ln 0.77 = −0.2613648 (no padding)
    // τ = 0.5: ½[−0.5·(−3.5) + 0.25·0.0827610 + (−(−1)·(−2)) + 0.25·0.0683115]
    //        = ½(−0.2122319) = −0.1061159
    assertEquals(-0.1061159, loss(new Algorithm.K15(0.5)).loss().getFloat(), TOL);
  }

  @Test
  void rftIsTheTokenMeanNegativeLogLikelihoodOfTheKeptResponses() {
    // kept = A (1 kept, 0 dropped); loss = −Σ_kept S / Σ_kept |y|
    assertEquals(3.5 / 3, rft(1, 0).loss().getFloat(), TOL); // row 1 alone: −(−3.5)/3
    assertEquals(1.0, rft(0, 1).loss().getFloat(), TOL); // row 2 alone: −(−2)/2 (its padding never counts)
    assertEquals(5.5 / 5, rft(1, 1).loss().getFloat(), TOL); // both: −(−5.5)/5
    assertEquals(0.0, rft(0, 0).loss().getFloat(), TOL); // nothing kept: no update
  }

  @Test
  void rftGradientIsMinusOneOverKeptTokensOnKeptTokensOnly() {
    // d loss / d logp = −mask/Σ_kept |y| on kept rows, 0 on dropped ones: no negative gradient
    NDArray x = manager.create(logp.toFloatArray(), logp.getShape());
    try (GradientCollector gc = Engine.getInstance().newGradientCollector()) {
      x.setRequiresGradient(true);
      gc.backward(PolicyLoss.compute(new Algorithm.Rft(), x, oldLogp, refLogp, mask, new double[] {1, 0}, null,
          0, 4).loss());
    }
    float third = -1f / 3;
    assertArrayEquals(new float[] {third, third, third, 0f, 0f, 0f}, x.getGradient().toFloatArray(), 1e-6f);
  }

  private PolicyLoss.Result rft(double first, double second) {
    return PolicyLoss.compute(new Algorithm.Rft(), logp, oldLogp, refLogp, mask, new double[] {first, second},
        null, 0, 4);
  }

  @Test
  void klEstimatorsAreMaskedMeansPerSequenceThenOverTheBatch() {
    Algorithm reinforce = new Algorithm.Reinforce(Baseline.NONE);
    // k1 = d: (−0.1/3 + 0.3/2)/2 = 0.0583333 (the padded d = 5 never counts)
    assertEquals(0.0583333, withKl(reinforce, Estimator.K1, 0.1).kl(), TOL);
    // k2 = ½d²: ((0.005 + 0.02 + 0)/3 + (0.045 + 0)/2)/2 = 0.0154167
    PolicyLoss.Result k2 = withKl(reinforce, Estimator.K2, 0.1);
    assertEquals(0.0154167, k2.kl(), TOL);
    // the term is added with its coefficient, aggregated as REINFORCE aggregates: sequence sums (0.025, 0.045),
    // then their mean 0.035
    assertEquals(-0.125 + 0.1 * 0.035, k2.loss().getFloat(), TOL);
    // k3 = e^−d + d − 1: 0.0048374, 0.0214028, 0 | 0.0408182, 0 → (0.0087467 + 0.0204091)/2 = 0.0145779
    assertEquals(0.0145779, withKl(reinforce, Estimator.K3, 0.1).kl(), TOL);
  }

  @Test
  void klIsReportedWithK3EvenWithoutAKlTerm() {
    PolicyLoss.Result r = loss(new Algorithm.Reinforce(Baseline.NONE));
    assertEquals(0.0145779, r.kl(), TOL);
    assertEquals(-0.125, r.loss().getFloat(), TOL); // and nothing is added to the loss
  }

  @Test
  void reinforceGradientIsMinusAdvantageTimesMaskOverN() {
    // d loss / d logp = −A·mask/N = [[−0.25, −0.25, −0.25], [0.5, 0.5, 0]]
    float[] grad = gradient(new Algorithm.Reinforce(Baseline.GROUP_MEAN));
    assertArrayEquals(new float[] {-0.25f, -0.25f, -0.25f, 0.5f, 0.5f, 0f}, grad, 1e-6f);
  }

  @Test
  void grpoGradientVanishesWhereTheClipBinds() {
    // unclipped tokens: −A·ratio/(|y|·N); clipped tokens and padding: 0
    // row 1 (|y| = 3): −0.5·1/6 = −0.0833333, 0, −0.5·0.5/6 = −0.0416667
    // row 2 (|y| = 2): 0, 1·1.1/4 = 0.275, 0
    float[] grad = gradient(new Algorithm.Grpo(0.2));
    assertArrayEquals(new float[] {-0.0833333f, 0f, -0.0416667f, 0f, 0.275f, 0f}, grad, 1e-6f);
  }

  @Test
  void k15GradientCarriesTheDriftPenalty() {
    // (−A + τ·(S − S_old))·mask/N: row 1 (−0.5 + 0.5·(−0.2876821))/2 = −0.3219205,
    //                              row 2 (1 + 0.5·(−0.2613648))/2 = 0.4346588
    float[] grad = gradient(new Algorithm.K15(0.5));
    float a = -0.3219205f;
    float b = 0.4346588f;
    assertArrayEquals(new float[] {a, a, a, b, b, 0f}, grad, 1e-6f);
  }

  @Test
  void k1GradientIsTheDetachedKlToGoTimesTheScore() {
    // d = [[0.1, −0.2, 0], [0.3, 0, pad]]; Σ_{t'≥t} d = [[−0.1, −0.2, 0], [0.3, 0, 0]]; REINFORCE's aggregation:
    // sequence sums, mean over N = 2
    float[] grad = klGradient(new Algorithm.Reinforce(Baseline.NONE), Estimator.K1);
    assertArrayEquals(new float[] {-0.05f, -0.1f, 0f, 0.15f, 0f, 0f}, grad, 1e-6f);
  }

  @Test
  void klTermIsAggregatedAsEachAlgorithmAggregatesItsLoss() {
    // k2's gradient is d per token; GRPO divides each sequence by |y| (3 and 2), Dr. GRPO by max_tokens = 4
    assertArrayEquals(
        new float[] {0.1f / 6, -0.2f / 6, 0f, 0.3f / 4, 0f, 0f},
        klGradient(new Algorithm.Grpo(0.2), Estimator.K2), 1e-6f);
    assertArrayEquals(
        new float[] {0.1f / 8, -0.2f / 8, 0f, 0.3f / 8, 0f, 0f},
        klGradient(new Algorithm.DrGrpo(0.2), Estimator.K2), 1e-6f);
    // REINFORCE++ and RFT: over all 5 tokens of the batch
    assertArrayEquals(
        new float[] {0.1f / 5, -0.2f / 5, 0f, 0.3f / 5, 0f, 0f},
        klGradient(new Algorithm.ReinforcePp(0.2), Estimator.K2), 1e-6f);
    assertArrayEquals(
        new float[] {0.1f / 5, -0.2f / 5, 0f, 0.3f / 5, 0f, 0f},
        klGradient(new Algorithm.Rft(), Estimator.K2), 1e-6f);
  }

  @Test
  void mismatchedShapesAreReportedByName() {
    NDArray shortMask = manager.ones(new Shape(2, 2));
    IllegalArgumentException e =
        assertThrows(
            IllegalArgumentException.class,
            () -> PolicyLoss.compute(new Algorithm.Rloo(), logp, oldLogp, refLogp, shortMask, ADV, null, 0, 4));
    assertEquals("mask has shape (2, 2), expected (2, 3)", e.getMessage());
    assertThrows(
        IllegalArgumentException.class,
        () -> PolicyLoss.compute(new Algorithm.Rloo(), logp, oldLogp, refLogp, mask, new double[3], null, 0, 4));
  }

  @Test
  void everyArrayItMakesBelongsToTheStepManagerOfLogp() {
    // The old, reference and mask arrays live in a long-lived manager; logp in a per-step sub-manager. Once the
    // step manager is closed, the long-lived one must hold no more arrays than before, for every algorithm.
    Algorithm[] all = {
      new Algorithm.Reinforce(Baseline.GROUP_MEAN), new Algorithm.Grpo(0.2), new Algorithm.DrGrpo(0.2),
      new Algorithm.Rloo(), new Algorithm.ReinforcePp(0.2), new Algorithm.K15(0.05), new Algorithm.Rft()
    };
    KlSpec k3 = new KlSpec(Estimator.K3, Schedule.constant(0.01), KlSpec.Target.REFERENCE);
    int before = manager.getManagedArrays().size();
    for (Algorithm algorithm : all) {
      for (KlSpec kl : new KlSpec[] {null, k3}) {
        try (NDManager step = manager.newSubManager()) {
          NDArray stepLogp = step.create(logp.toFloatArray(), logp.getShape());
          PolicyLoss.compute(algorithm, stepLogp, oldLogp, refLogp, mask, ADV, kl, 0.01, 4);
        }
        assertEquals(before, manager.getManagedArrays().size(), algorithm + " with kl " + kl);
      }
    }
  }

  private PolicyLoss.Result withKl(Algorithm algorithm, Estimator estimator, double coefficient) {
    KlSpec kl = new KlSpec(estimator, Schedule.constant(coefficient), KlSpec.Target.REFERENCE);
    return PolicyLoss.compute(algorithm, logp, oldLogp, refLogp, mask, ADV, kl, coefficient, 4);
  }

  /** The gradient of the KL term alone (coefficient 1, every advantage 0). */
  private float[] klGradient(Algorithm algorithm, Estimator estimator) {
    KlSpec kl = new KlSpec(estimator, Schedule.constant(1), KlSpec.Target.REFERENCE);
    NDArray x = manager.create(logp.toFloatArray(), logp.getShape()); // fresh: gradients accumulate
    try (GradientCollector gc = Engine.getInstance().newGradientCollector()) {
      x.setRequiresGradient(true);
      gc.backward(PolicyLoss.compute(algorithm, x, oldLogp, refLogp, mask, new double[2], kl, 1, 4).loss());
    }
    try (NDArray grad = x.getGradient()) {
      return grad.toFloatArray();
    }
  }

  private float[] gradient(Algorithm algorithm) {
    try (GradientCollector gc = Engine.getInstance().newGradientCollector()) {
      logp.setRequiresGradient(true);
      gc.backward(loss(algorithm).loss());
    }
    try (NDArray grad = logp.getGradient()) {
      return grad.toFloatArray();
    }
  }
}
