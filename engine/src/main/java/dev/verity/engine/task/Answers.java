package dev.verity.engine.task;

/**
 * The final-answer convention every task shares: the answer is what follows the last {@code >}. Public so a
 * reward scored without a task (a DSL {@code check} with no {@code task:}) is as strict as the built-in tasks.
 */
public final class Answers {
  /** Marks the start of the final answer in a response. */
  static final char MARK = '>';

  private Answers() {}

  /** What follows the last {@code >}; the whole response without one; empty for {@code null}. */
  public static String extract(String response) {
    if (response == null) {
      return "";
    }
    int at = response.lastIndexOf(MARK);
    return at < 0 ? response : response.substring(at + 1);
  }

  /** Whether the response's final answer equals the problem's answer character for character. */
  public static boolean exact(Problem problem, String response) {
    return problem != null
        && problem.answer() != null
        && response != null
        && problem.answer().equals(extract(response));
  }
}
