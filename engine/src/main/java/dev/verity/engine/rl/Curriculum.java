package dev.verity.engine.rl;

import dev.verity.engine.task.LevelRange;

/** {@code linear(digits: 2..3 -> 2..6, over: 200)}: the task's difficulty range, moved linearly over steps. */
public record Curriculum(String knob, LevelRange from, LevelRange to, long over) {
  /** The range at {@code step}: both ends interpolated and rounded, then held at {@code to}. */
  public LevelRange at(long step) {
    double t = over <= 0 ? 1.0 : Math.min(1.0, Math.max(0.0, (double) step / over));
    int min = (int) Math.round(from.min() + (to.min() - from.min()) * t);
    int max = (int) Math.round(from.max() + (to.max() - from.max()) * t);
    return new LevelRange(Math.min(min, max), max);
  }
}
