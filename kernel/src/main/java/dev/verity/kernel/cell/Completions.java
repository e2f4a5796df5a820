package dev.verity.kernel.cell;

import java.util.List;

/** Candidates that may replace the text between {@code start} and {@code end} (char indices into the cell). */
public record Completions(List<String> matches, int start, int end) {
  public Completions {
    matches = List.copyOf(matches);
    if (start < 0 || end < start) {
      throw new IllegalArgumentException("bad completion range " + start + ".." + end);
    }
  }

  /** No candidates at {@code cursor}. */
  public static Completions none(int cursor) {
    return new Completions(List.of(), cursor, cursor);
  }
}
