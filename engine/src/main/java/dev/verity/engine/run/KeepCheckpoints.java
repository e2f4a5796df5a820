package dev.verity.engine.run;

/**
 * How many checkpoints of each stage a run directory keeps: the latest {@code count}, or all of them. Only the
 * latest of a stage is ever read (a resume continues from it), so the default keeps one; a checkpoint is pruned
 * only after a newer one of its stage is in place.
 *
 * @param count how many of each stage's latest checkpoints stay; {@link Integer#MAX_VALUE}: all
 */
public record KeepCheckpoints(int count) {
  /** Every checkpoint, as runs recorded before this setting existed kept them. */
  public static final KeepCheckpoints ALL = new KeepCheckpoints(Integer.MAX_VALUE);
  /** The default: the one checkpoint a resume reads. */
  public static final KeepCheckpoints LATEST = new KeepCheckpoints(1);

  public KeepCheckpoints {
    if (count < 1) {
      throw new IllegalArgumentException("keep_checkpoints is " + count + "; expected 'all' or 1 or more");
    }
  }

  public boolean all() {
    return count == Integer.MAX_VALUE;
  }

  /** {@code all} or a count of 1 or more, as {@link #toString} writes it. */
  public static KeepCheckpoints parse(String text) {
    if (text.equals("all")) {
      return ALL;
    }
    if (!text.matches("[0-9]{1,9}")) {
      throw new IllegalArgumentException("keep_checkpoints is '" + text + "'; expected 'all' or 1 or more");
    }
    return new KeepCheckpoints(Integer.parseInt(text));
  }

  @Override
  public String toString() {
    return all() ? "all" : Integer.toString(count);
  }
}
