package dev.verity.engine.eval;

import java.util.HashMap;
import java.util.List;
import java.util.Map;

/** The sampled-evaluation estimators the papers report: pass@k and maj@k. */
public final class PassAtK {
  private PassAtK() {}

  /**
   * The unbiased estimate of pass@k from {@code n} samples of which {@code c} are right (Chen et al. 2021):
   * 1 − C(n − c, k) / C(n, k), the chance that k of the n drawn without replacement hold a right one, in the
   * numerically stable product form 1 − Π_{i = n−c+1..n} (1 − k/i). NaN when k > n: it cannot be estimated.
   */
  public static double unbiased(int n, int c, int k) {
    if (k < 1 || c < 0 || c > n) {
      throw new IllegalArgumentException("pass@k needs 1 ≤ k and 0 ≤ c ≤ n, got n " + n + ", c " + c + ", k " + k);
    }
    if (k > n) {
      return Double.NaN;
    }
    if (n - c < k) {
      return 1.0; // every k-subset holds a right sample
    }
    double none = 1.0;
    for (int i = n - c + 1; i <= n; i++) {
      none *= 1.0 - (double) k / i;
    }
    return 1.0 - none;
  }

  /**
   * maj@k: the index of the sample whose extracted answer is the most frequent among {@code answers} (null: no
   * answer, as for a truncated response, never counted), ties going to the answer seen first; −1 when no sample
   * has an answer.
   */
  public static int majority(List<String> answers) {
    Map<String, Integer> votes = new HashMap<>();
    for (String a : answers) {
      if (a != null) {
        votes.merge(a, 1, Integer::sum);
      }
    }
    int best = -1;
    for (int i = 0; i < answers.size(); i++) { // in order, so a tie keeps the answer seen first
      String a = answers.get(i);
      if (a != null && (best < 0 || votes.get(a) > votes.get(answers.get(best)))) {
        best = i;
      }
    }
    return best;
  }
}
