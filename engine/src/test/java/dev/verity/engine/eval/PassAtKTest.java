package dev.verity.engine.eval;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.Arrays;
import java.util.List;
import org.junit.jupiter.api.Test;

/** pass@k's unbiased estimator and the majority vote, against values worked out by hand. */
class PassAtKTest {

  @Test
  void passAtKIsOneMinusTheChanceThatKDrawnSamplesAreAllWrong() {
    assertEquals(0.5, PassAtK.unbiased(4, 1, 2), 1e-12); // 1 − C(3,2)/C(4,2) = 1 − 3/6
    assertEquals(1 - 15.0 / 70, PassAtK.unbiased(8, 2, 4), 1e-12); // 1 − C(6,4)/C(8,4)
    assertEquals(1.0, PassAtK.unbiased(5, 2, 4), 1e-12); // only 3 wrong: any 4 hold a right one
    assertEquals(0.25, PassAtK.unbiased(8, 2, 1), 1e-12); // pass@1 is the share right
    assertEquals(0.0, PassAtK.unbiased(8, 0, 4), 1e-12);
    assertEquals(1.0, PassAtK.unbiased(4, 1, 4), 1e-12); // k = n: any right at all
    assertTrue(Double.isNaN(PassAtK.unbiased(4, 1, 8)), "k > n cannot be estimated");
  }

  @Test
  void passAtKAgreesWithCountingEverySubset() {
    // n = 6: average over all C(6, 3) = 20 subsets of whether they hold a right sample
    boolean[] right = {false, true, false, false, true, false};
    int hits = 0;
    int subsets = 0;
    for (int a = 0; a < 6; a++) {
      for (int b = a + 1; b < 6; b++) {
        for (int c = b + 1; c < 6; c++) {
          subsets++;
          hits += right[a] || right[b] || right[c] ? 1 : 0;
        }
      }
    }
    assertEquals((double) hits / subsets, PassAtK.unbiased(6, 2, 3), 1e-12);
  }

  @Test
  void majorityPicksTheMostFrequentAnswerTiesToTheFirstAndSkipsMissingOnes() {
    assertEquals(1, PassAtK.majority(Arrays.asList("41", "42", "42", "43")));
    assertEquals(0, PassAtK.majority(Arrays.asList("41", "42", "42", "41")), "a tie goes to the answer seen first");
    assertEquals(2, PassAtK.majority(Arrays.asList(null, null, "7", null)), "truncated samples do not vote");
    assertEquals(-1, PassAtK.majority(Arrays.asList(null, null)));
    assertEquals(-1, PassAtK.majority(List.of()));
  }
}
