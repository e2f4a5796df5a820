package dev.verity.engine.task;

/**
 * The lengths of a prompt and of its trace in one style, in characters, which are tokens for the character-level
 * tokenizer. Used as the longest example a task can produce, so a model's context can be checked before a run.
 */
public record Example(int prompt, int trace) {
  /** Prompt plus trace, without markers. */
  public int total() {
    return prompt + trace;
  }

  /** The decimal length of a non-negative number, sign included for negatives. */
  static int digits(long n) {
    return Long.toString(n).length();
  }
}
