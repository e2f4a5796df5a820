package dev.verity.engine.task;

/** An inclusive range of difficulty levels, such as {@code digits: 2..6}. */
public record LevelRange(int min, int max) {
  public LevelRange {
    if (min > max) {
      throw new IllegalArgumentException("empty range " + min + ".." + max);
    }
  }

  public static LevelRange of(int level) {
    return new LevelRange(level, level);
  }

  public boolean contains(int level) {
    return level >= min && level <= max;
  }

  public boolean within(LevelRange outer) {
    return outer.min <= min && max <= outer.max;
  }

  public int width() {
    return max - min + 1;
  }

  @Override
  public String toString() {
    return min == max ? Integer.toString(min) : min + ".." + max;
  }
}
