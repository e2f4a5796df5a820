package dev.verity.engine.rng;

import java.util.SplittableRandom;

/**
 * Derives independent random streams from coordinates such as (seed, stage, step, prompt, sample).
 *
 * <p>Every random draw in Verity comes from a stream made here, so a run is a pure function of its seed: the
 * stream for sample 3 of prompt 5 at step 12 does not depend on how many draws any other stream made.
 */
public final class Seeds {
  private Seeds() {}

  /** A stream for the given coordinates; equal coordinates give equal streams. */
  public static SplittableRandom stream(long seed, long... coordinates) {
    return new SplittableRandom(mix(seed, coordinates));
  }

  /** A stream keyed by a name as well, e.g. the task's name for its frozen evaluation set. */
  public static SplittableRandom stream(long seed, String name, long... coordinates) {
    return new SplittableRandom(mix(mix(seed, name.hashCode()), coordinates));
  }

  /** Mixes coordinates into one 64-bit key (SplitMix64 finaliser after each coordinate). */
  public static long mix(long seed, long... coordinates) {
    long h = finalise(seed ^ 0x9E3779B97F4A7C15L);
    for (long c : coordinates) {
      h = finalise(h + 0x9E3779B97F4A7C15L + c * 0xBF58476D1CE4E5B9L);
    }
    return h;
  }

  private static long finalise(long z) {
    z = (z ^ (z >>> 30)) * 0xBF58476D1CE4E5B9L;
    z = (z ^ (z >>> 27)) * 0x94D049BB133111EBL;
    return z ^ (z >>> 31);
  }
}
