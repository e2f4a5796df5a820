package dev.verity.engine.task;

import java.util.SplittableRandom;

/** Checks a task's level range against its knob's limits, and draws levels from it. */
final class Knob {
  private Knob() {}

  /** Returns {@code levels}, or fails with a message naming the task, the knob and the allowed range. */
  static LevelRange check(String task, String knob, LevelRange limits, LevelRange levels) {
    if (levels == null) {
      throw new IllegalArgumentException(
          task + " needs a range for '" + knob + "', e.g. " + task + "(" + knob + ": " + limits + ")");
    }
    if (!levels.within(limits)) {
      throw new IllegalArgumentException(
          task + "(" + knob + ": " + levels + "): " + knob + " must lie within " + limits
              + "; use a range such as " + knob + ": " + clamp(levels, limits));
    }
    return levels;
  }

  /** A level drawn uniformly from the range. */
  static int draw(LevelRange levels, SplittableRandom random) {
    return levels.min() + random.nextInt(levels.width());
  }

  private static LevelRange clamp(LevelRange levels, LevelRange limits) {
    int min = Math.min(Math.max(levels.min(), limits.min()), limits.max());
    int max = Math.max(Math.min(levels.max(), limits.max()), min);
    return new LevelRange(min, max);
  }
}
