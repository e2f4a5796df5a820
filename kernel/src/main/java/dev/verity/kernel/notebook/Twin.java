package dev.verity.kernel.notebook;

import dev.verity.dsl.exec.SessionScript;
import dev.verity.kernel.magic.Magics;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * A notebook's {@code .verity} twin: an experiment file that {@code verity run} executes as is, whose comments
 * mark the notebook's cells jupytext-style. A line {@code # %%} starts a code cell; {@code # %% [markdown]} starts
 * a markdown cell whose lines are {@code # }-prefixed comments; {@code # %% [magic]} starts a code cell of magic
 * lines, {@code # }-prefixed too ({@code # %sweep ../results/reflection-seeds --plot accuracy}): the notebook runs
 * them, while {@code verity run} reads comments, so the twin stays an experiment file. {@code # %% [java]} starts a
 * Java cell ({@code %%java} in the notebook) whose lines stand behind {@code #| }, as a notebook session records
 * its Java cells, so {@code verity run} defines its classes ({@link SessionScript#javaCells}). Before the first marker
 * there may be comments only; among them one {@code # ci: --set NAME.SETTING=VALUE …} line gives the overrides of
 * CI's short run.
 *
 * @param cells the cells in order, blank lines around each trimmed
 * @param ciOverrides the {@code --set} values of the {@code # ci:} line, e.g. {@code sft.steps=20}; empty without one
 */
public record Twin(List<Cell> cells, List<String> ciOverrides) {
  private static final Pattern MARKER = Pattern.compile("#\\s*%%(.*)");
  private static final Pattern CI = Pattern.compile("#\\s*ci:(.*)");
  private static final Pattern SET = Pattern.compile("(?:^|\\s+)--set\\s+");
  private static final String MARKERS = "`# %%` (a code cell), `# %% [markdown]` (a markdown cell), `# %% [magic]`"
      + " (a cell of magic lines) or `# %% [java]` (a Java cell, its lines behind `#| `)";

  public Twin {
    cells = List.copyOf(cells);
    ciOverrides = List.copyOf(ciOverrides);
  }

  /** The overrides as the notebook kernel's {@code VERITY_SET} takes them: joined by {@code ;}. */
  public String veritySet() {
    return String.join(";", ciOverrides);
  }

  /** Reads the twin {@code text}; {@code file} names it in errors. */
  public static Twin parse(String text, String file) {
    List<String> lines = text.lines().toList();
    List<String> overrides = new ArrayList<>();
    int first = header(lines, file, overrides);
    if (first == lines.size()) {
      throw new NotebookFormatException(file + ": no cells: start each cell with a line " + MARKERS);
    }
    List<Cell> cells = new ArrayList<>();
    int start = first;
    while (start < lines.size()) {
      int end = start + 1;
      while (end < lines.size() && !isMarker(lines.get(end))) {
        end++;
      }
      cells.add(cell(lines, start, end, file));
      start = end;
    }
    return new Twin(cells, overrides);
  }

  /** Checks the lines before the first marker, collecting the {@code # ci:} overrides; returns the marker's index. */
  private static int header(List<String> lines, String file, List<String> overrides) {
    int i = 0;
    boolean ciSeen = false;
    for (; i < lines.size() && !isMarker(lines.get(i)); i++) {
      String line = lines.get(i).strip();
      Matcher ci = CI.matcher(line);
      if (ci.matches()) {
        if (ciSeen) {
          throw new NotebookFormatException(at(file, i) + "a second `# ci:` line: put all CI overrides on one line");
        }
        ciSeen = true;
        overrides.addAll(ciOverrides(ci.group(1), at(file, i)));
      } else if (!line.isEmpty() && !line.startsWith("#")) {
        throw new NotebookFormatException(at(file, i)
            + "a statement before the first cell: start a cell above it with " + MARKERS);
      }
    }
    return i;
  }

  /** {@code --set a=1 --set b=linear(1 -> 2)}: the text after each {@code --set}, spaces inside values kept. */
  private static List<String> ciOverrides(String text, String place) {
    String body = text.strip();
    if (!body.startsWith("--set")) {
      throw new NotebookFormatException(place + "write the CI overrides as `# ci: --set NAME.SETTING=VALUE …`");
    }
    List<String> out = new ArrayList<>();
    for (String value : SET.split(body)) {
      if (!value.isBlank()) {
        out.add(value.strip());
      }
    }
    if (out.isEmpty()) {
      throw new NotebookFormatException(place + "`# ci:` names no override: give `--set NAME.SETTING=VALUE`");
    }
    return out;
  }

  /** The cell whose marker is {@code lines[start]} and whose body runs up to {@code end}. */
  private static Cell cell(List<String> lines, int start, int end, String file) {
    Matcher marker = MARKER.matcher(lines.get(start).strip());
    marker.matches();
    String kind = marker.group(1).strip();
    int from = start + 1;
    int to = end;
    while (from < to && lines.get(from).isBlank()) {
      from++;
    }
    while (to > from && lines.get(to - 1).isBlank()) {
      to--;
    }
    if (kind.isEmpty()) {
      return Cell.code(String.join("\n", lines.subList(from, to)));
    }
    if (kind.equals("[markdown]") || kind.equals("[md]")) {
      List<String> text = new ArrayList<>();
      for (int i = from; i < to; i++) {
        text.add(markdownLine(lines.get(i), at(file, i)));
      }
      return Cell.markdown(String.join("\n", text));
    }
    if (kind.equals("[magic]")) {
      List<String> magics = new ArrayList<>();
      for (int i = from; i < to; i++) {
        String magic = markdownLine(lines.get(i), at(file, i));
        if (!magic.isEmpty() && !magic.startsWith("%")) {
          throw new NotebookFormatException(at(file, i) + "a magic cell holds only `# %`-prefixed magic lines, e.g."
              + " `# %sweep ../results/long-cot-seeds`: start a code cell above this one with `# %%`");
        }
        magics.add(magic);
      }
      return Cell.code(String.join("\n", magics));
    }
    if (kind.equals("[java]")) {
      List<String> java = new ArrayList<>(List.of(Magics.JAVA_CELL));
      for (int i = from; i < to; i++) {
        java.add(javaLine(lines.get(i), at(file, i)));
      }
      return Cell.code(String.join("\n", java));
    }
    throw new NotebookFormatException(at(file, start) + "unknown cell marker '" + lines.get(start).strip()
        + "': write " + MARKERS);
  }

  /** {@code # text} → {@code text}; a lone {@code #} is an empty line. */
  private static String markdownLine(String line, String place) {
    String s = line.strip();
    if (s.isEmpty() || s.equals("#")) {
      return "";
    }
    if (s.startsWith("# ")) {
      return line.substring(line.indexOf('#') + 2).stripTrailing();
    }
    throw new NotebookFormatException(place + "a markdown cell holds only `# `-prefixed lines: prefix this one with"
        + " `# `, or start a code cell above it with `# %%`");
  }

  /** {@code #| text} → {@code text}, indentation kept; a lone {@code #|} is an empty line. */
  private static String javaLine(String line, String place) {
    String prefix = SessionScript.JAVA_LINE;
    if (line.stripTrailing().equals(prefix.strip())) {
      return "";
    }
    if (line.startsWith(prefix)) {
      return line.substring(prefix.length()).stripTrailing();
    }
    throw new NotebookFormatException(place + "a Java cell holds only lines behind `" + prefix + "` (as `verity run`"
        + " reads them): prefix this one with `" + prefix + "`, or start another cell above it with `# %%`");
  }

  private static boolean isMarker(String line) {
    return MARKER.matcher(line.strip()).matches();
  }

  /** {@code file:line: } with a 1-based line. */
  private static String at(String file, int index) {
    return file + ":" + (index + 1) + ": ";
  }
}
