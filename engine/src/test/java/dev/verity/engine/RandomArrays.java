package dev.verity.engine;

import java.util.SplittableRandom;

/** Seeded random inputs for tensor tests: the same seed, the same array. */
public final class RandomArrays {
  private RandomArrays() {}

  /** {@code n} standard normal floats. */
  public static float[] gaussian(int n, long seed) {
    SplittableRandom r = new SplittableRandom(seed);
    float[] out = new float[n];
    for (int i = 0; i < n; i++) {
      out[i] = (float) r.nextGaussian();
    }
    return out;
  }

  /** {@code n} ids below {@code bound}, with many repeats when n is large against it, as a small vocabulary has. */
  public static long[] ids(int n, int bound, long seed) {
    SplittableRandom r = new SplittableRandom(seed);
    long[] out = new long[n];
    for (int i = 0; i < n; i++) {
      out[i] = r.nextInt(bound);
    }
    return out;
  }
}
