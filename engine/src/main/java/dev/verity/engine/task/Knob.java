package dev.verity.engine.task;

import dev.verity.engine.catalog.Param;
import java.util.SplittableRandom;

/**
 * A task's difficulty knob: its name (e.g. {@code digits}), the levels problems are drawn from now, and the
 * range a curriculum may move them within.
 */
public record Knob(String name, LevelRange levels, LevelRange limits) {

  /** The limits a range parameter's bound allows, e.g. 1..12 for {@code digits}. */
  public static LevelRange limitsOf(Param param) {
    return new LevelRange((int) param.bound().min(), (int) param.bound().max());
  }

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

  /** As above for a generator task's own knob. */
  static LevelRange check(GeneratorType type, LevelRange levels) {
    return check(type.name(), type.knobParam().name(), type.limits(), levels);
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
