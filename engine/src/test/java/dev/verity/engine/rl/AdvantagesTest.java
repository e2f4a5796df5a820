package dev.verity.engine.rl;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import dev.verity.engine.rl.Algorithm.Baseline;
import org.junit.jupiter.api.Test;

/** Each algorithm's advantages on 2 prompts × 3 samples, worked out by hand in the comments. */
class AdvantagesTest {
  // group 1: 1, 0, 0 (mean 1/3, population std √2/3 ≈ 0.4714045)
  // group 2: 2, 1, 0 (mean 1,   population std √(2/3) ≈ 0.8164966)
  // batch: mean 4/6 = 2/3, population std √(5/9) = √5/3 ≈ 0.7453560
  private static final double[] REWARDS = {1, 0, 0, 2, 1, 0};
  private static final double TOL = 1e-9;

  @Test
  void reinforceWithGroupMeanBaselineCentresEachGroup() {
    double[] expected = {2.0 / 3, -1.0 / 3, -1.0 / 3, 1, 0, -1};
    assertArrayEquals(expected, Advantages.of(new Algorithm.Reinforce(Baseline.GROUP_MEAN), REWARDS, 3), TOL);
  }

  @Test
  void rftKeepsTheSamplesTheVerifierAcceptedWhateverTheirReward() {
    boolean[] correct = {true, false, false, false, true, false};
    // the reward-2 sample was not correct (a shaped reward): it is dropped; the correct reward-1 one is kept
    assertArrayEquals(new double[] {1, 0, 0, 0, 1, 0}, Advantages.of(new Algorithm.Rft(), REWARDS, correct, 3));
    assertThrows(IllegalArgumentException.class, () -> Advantages.of(new Algorithm.Rft(), REWARDS, 3));
  }

  @Test
  void reinforceWithBatchMeanBaselineCentresTheBatch() {
    double[] expected = {1.0 / 3, -2.0 / 3, -2.0 / 3, 4.0 / 3, 1.0 / 3, -2.0 / 3};
    assertArrayEquals(expected, Advantages.of(new Algorithm.Reinforce(Baseline.BATCH_MEAN), REWARDS, 3), TOL);
  }

  @Test
  void reinforceWithoutBaselineIsTheReward() {
    assertArrayEquals(REWARDS, Advantages.of(new Algorithm.Reinforce(Baseline.NONE), REWARDS, 3));
  }

  @Test
  void grpoDividesByTheGroupStdPlusEpsilon() {
    // group 1: (2/3)/(0.4714045 + 1e-6) = 1.4142106, (−1/3)/(…) = −0.7071053
    // group 2: ±1/(0.8164966 + 1e-6) = ±1.2247434, 0
    double[] expected = {1.4142105624, -0.7071052812, -0.7071052812, 1.2247433714, 0, -1.2247433714};
    assertArrayEquals(expected, Advantages.of(new Algorithm.Grpo(0.2), REWARDS, 3), 1e-9);
  }

  @Test
  void grpoGivesExactlyZeroToAGroupWithEqualRewards() {
    // three times 0.1: summing would give a mean of 0.10000000000000002
    double[] a = Advantages.grpo(new double[] {0.1, 0.1, 0.1}, 3);
    assertArrayEquals(new double[] {0, 0, 0}, a);
  }

  @Test
  void drGrpoAndK15CentreWithoutScaling() {
    double[] expected = {2.0 / 3, -1.0 / 3, -1.0 / 3, 1, 0, -1};
    assertArrayEquals(expected, Advantages.of(new Algorithm.DrGrpo(0.2), REWARDS, 3), TOL);
    assertArrayEquals(expected, Advantages.of(new Algorithm.K15(0.05), REWARDS, 3), TOL);
  }

  @Test
  void rlooIsTheRewardMinusTheMeanOfTheOthers() {
    // group 1: 1 − (0+0)/2 = 1, 0 − (1+0)/2 = −0.5;  group 2: 2 − 0.5 = 1.5, 1 − 1 = 0, 0 − 1.5 = −1.5
    double[] expected = {1, -0.5, -0.5, 1.5, 0, -1.5};
    assertArrayEquals(expected, Advantages.of(new Algorithm.Rloo(), REWARDS, 3), TOL);
  }

  @Test
  void rlooWithOneSampleHasNoBaselineAndGivesZero() {
    assertArrayEquals(new double[] {0, 0}, Advantages.rloo(new double[] {1, 0}, 1));
  }

  @Test
  void reinforcePpNormalisesOverTheBatch() {
    // (r − 2/3)/(0.7453560 + 1e-6): 1/3 → 0.4472130, −2/3 → −0.8944260, 4/3 → 1.7888520
    double[] expected = {0.4472129955, -0.8944259910, -0.8944259910, 1.7888519820, 0.4472129955, -0.8944259910};
    assertArrayEquals(expected, Advantages.of(new Algorithm.ReinforcePp(0.2), REWARDS, 3), 1e-9);
  }

  @Test
  void fracZeroStdCountsGroupsWithEqualRewards() {
    assertEquals(0.0, Advantages.fracZeroStd(REWARDS, 3));
    assertEquals(0.5, Advantages.fracZeroStd(new double[] {1, 0, 0, 0.5, 0.5, 0.5}, 3));
    assertEquals(2.0 / 3, Advantages.fracZeroStd(new double[] {1, 1, 0, 0, 1, 0}, 2), TOL);
    assertEquals(1.0, Advantages.fracZeroStd(new double[] {1, 0}, 1), "one sample per prompt has no spread");
    assertEquals(0.0, Advantages.fracZeroStd(new double[0], 4));
  }

  @Test
  void rewardsThatDoNotSplitIntoGroupsAreRejected() {
    IllegalArgumentException e =
        assertThrows(IllegalArgumentException.class, () -> Advantages.of(new Algorithm.Rloo(), new double[5], 3));
    assertEquals("5 rewards do not split into groups of 3 samples per prompt", e.getMessage());
    assertThrows(IllegalArgumentException.class, () -> Advantages.fracZeroStd(new double[4], 0));
  }
}
