package dev.verity.engine.catalog;

import dev.verity.engine.task.LevelRange;

/** The kind of value a parameter takes, which decides how a front end checks and converts what was written. */
public enum ParamType {
  /** A whole number that fits an int: {@link Integer}. */
  WHOLE,
  /** A number: {@link Double}. */
  NUMBER,
  /** A number or a schedule over the steps: {@link dev.verity.engine.optim.Schedule}. */
  SCHEDULE,
  /** A string: {@link String}. */
  TEXT,
  /** A path, resolved against the experiment's folder: {@link java.nio.file.Path}. */
  PATH,
  /** A regular expression, compiled when checked: its source {@link String}. */
  REGEX,
  /** A level or an inclusive range of levels: {@link LevelRange}. */
  RANGE,
  /** A change of a number, {@code a -> b}: {@link Change}. */
  NUMBER_CHANGE,
  /** A change of a range, {@code 2..3 -> 2..6}: {@link LevelChange}. */
  RANGE_CHANGE,
  /** A reward expression: {@link dev.verity.engine.reward.RewardExpr}. */
  REWARD,
  /** One of the parameter's listed names: {@link String}. */
  CHOICE;

  /** {@code a -> b}. */
  public record Change(double from, double to) {}

  /** {@code 2..3 -> 2..6}. */
  public record LevelChange(LevelRange from, LevelRange to) {}
}
