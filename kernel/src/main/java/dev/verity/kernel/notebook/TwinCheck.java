package dev.verity.kernel.notebook;

import java.util.List;
import java.util.Optional;

/**
 * Whether a notebook holds its twin's cells: same kinds and sources in the same order, outputs and execution counts
 * aside. Trailing blank space at a cell's end is not a difference (Jupyter and editors add or drop it).
 */
public final class TwinCheck {
  private static final int SHOWN = 60;

  private TwinCheck() {}

  /** The first difference, described for a person (which cell, which line, both texts); empty when they match. */
  public static Optional<String> difference(List<Cell> twin, List<Cell> notebook) {
    int common = Math.min(twin.size(), notebook.size());
    for (int i = 0; i < common; i++) {
      Optional<String> d = difference(i + 1, twin.get(i), notebook.get(i));
      if (d.isPresent()) {
        return d;
      }
    }
    if (twin.size() > notebook.size()) {
      Cell missing = twin.get(common);
      return Optional.of("cell " + (common + 1) + " is missing from the notebook: the twin's " + describe(missing)
          + " (the twin has " + twin.size() + " cells, the notebook " + notebook.size() + ")");
    }
    if (notebook.size() > twin.size()) {
      Cell extra = notebook.get(common);
      return Optional.of("cell " + (common + 1) + " is not in the twin: the notebook's " + describe(extra)
          + " (the twin has " + twin.size() + " cells, the notebook " + notebook.size() + ")");
    }
    return Optional.empty();
  }

  private static Optional<String> difference(int n, Cell twin, Cell notebook) {
    if (twin.kind() != notebook.kind()) {
      return Optional.of("cell " + n + " is a " + kind(twin) + " cell in the twin but a " + kind(notebook)
          + " cell in the notebook: the twin's " + describe(twin) + ", the notebook's " + describe(notebook));
    }
    List<String> a = twin.source().stripTrailing().lines().toList();
    List<String> b = notebook.source().stripTrailing().lines().toList();
    for (int line = 0; line < Math.max(a.size(), b.size()); line++) {
      String x = line < a.size() ? a.get(line) : null;
      String y = line < b.size() ? b.get(line) : null;
      if (x == null || !x.equals(y)) {
        return Optional.of("cell " + n + " (" + kind(twin) + ") differs at its line " + (line + 1) + ": the twin has "
            + quote(x) + ", the notebook " + quote(y));
      }
    }
    return Optional.empty();
  }

  private static String kind(Cell cell) {
    return cell.kind().nbformatName();
  }

  private static String describe(Cell cell) {
    String first = cell.source().strip().lines().findFirst().orElse("");
    return kind(cell) + " cell " + quote(first);
  }

  private static String quote(String line) {
    if (line == null) {
      return "no such line";
    }
    String s = line.length() > SHOWN ? line.substring(0, SHOWN) + "…" : line;
    return "`" + s + "`";
  }
}
