package dev.verity.engine.user;

import java.time.Duration;

/**
 * A call into user code that nothing can stand in for ran past its limit: making the class (its static
 * initialiser, constructor, {@code TYPE}), its definition's factory, or a task's answers to what the checker asks
 * (alphabet, levels, lengths). Thrown instead of waiting on, so a check reports it at the {@code java("…")} that
 * names the class rather than hanging {@code verity check}, {@code verity run} or a notebook cell.
 */
public final class UserCodeOverrun extends RuntimeException {
  private static final long serialVersionUID = 1L;

  private final String call;
  private final String limit;

  /** @param call what ran, as the user wrote it: {@code new Stuck()}, {@code Palindromes.alphabet()} */
  UserCodeOverrun(String call, Duration limit) {
    super(call + " ran longer than its limit of " + text(limit) + ": " + FIX, null, false, false);
    this.call = call;
    this.limit = text(limit);
  }

  private static final String FIX = "it must return at once; look for a loop that never ends or a wait that is"
      + " never answered";

  /** The message for a check: {@code new Stuck() ran longer than 1 s when checked: …}. */
  public String whenChecked() {
    return call + " ran longer than " + limit + " when checked: " + FIX;
  }

  /** {@code 1 s}, or {@code 250 ms} for a limit of no whole seconds. */
  static String text(Duration limit) {
    return limit.toMillis() % 1000 == 0 ? limit.toSeconds() + " s" : limit.toMillis() + " ms";
  }
}
