package dev.verity.dsl.exec;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * An experiment file as a sequence of cells, so a notebook session replays the way it ran. A line {@code # %%}
 * (optionally followed by a label such as {@code cell[3]}) starts a cell, as in jupytext's percent format; a
 * file without one is a single cell. A line {@code # verity: stopped STAGE after step K} records that the user
 * stopped that stage after K steps; a replay stops it there too. Cells keep their lines' numbers in the file
 * (earlier lines become blank), so diagnostics point into the file.
 *
 * <p>A notebook's Java cells are recorded too, as DSL comments so that the file stays an experiment any DSL tool
 * reads: a header {@code # %% [java] cell[2]}, then each line of Java behind {@value #JAVA_LINE}. To the DSL such
 * a cell is one of comments; {@link #javaCells} gives their Java back, for a replay to define the classes again.
 */
public record SessionScript(List<Cell> cells) {
  private static final Pattern CELL = Pattern.compile("^# %%(.*)$");
  private static final Pattern STOP_BEFORE = Pattern.compile("^# verity: stopped before line (\\d+)\\b.*$");
  private static final Pattern JAVA_CELL = Pattern.compile("^# %% \\[java\\](?: (.*))?$");
  /** What starts each recorded line of a Java cell (not {@code # }, so a Java line {@code %% x} is no header). */
  public static final String JAVA_LINE = "#| ";
  private static final Pattern STOP = Pattern.compile("^# verity: stopped (\\S+) after step (\\d+)\\b.*$");

  /**
   * One cell: its label ({@code cell[3]}, or the file's name), its source, the stops recorded after it, and the
   * file's lines it spans ({@code firstLine} to {@code lastLine}, 1-based).
   */
  public record Cell(String label, String source, Map<String, Long> stops, int stopBefore, int firstLine,
      int lastLine) {
    public Cell {
      stops = Map.copyOf(stops);
    }

    /**
     * Whether line {@code line} of the file is in this cell and ran in the session: a stop recorded between two of
     * its statements ({@link #stopBeforeNote}) ended the cell before the statement at {@code stopBefore}.
     */
    public boolean holds(int line) {
      return line >= firstLine && line <= lastLine && (stopBefore == 0 || line < stopBefore);
    }
  }

  public SessionScript {
    cells = List.copyOf(cells);
  }

  /** The line that starts a recorded cell. */
  public static String header(String label) {
    return "# %% " + label;
  }

  /**
   * A Java cell of a notebook, as it ran: its label ({@code cell[2]}), its Java source, and the file's line that
   * holds its first line (1-based).
   */
  public record JavaCell(String label, String source, int firstLine) {
    /**
     * Its source placed where it stands in the file: as many lines before it, each line indented by the
     * {@value #JAVA_LINE} it has there, so that a line and column in it are the file's.
     */
    public String sourceInPlace() {
      String indent = " ".repeat(JAVA_LINE.length());
      return "\n".repeat(firstLine - 1) + source.lines().map(l -> l.isEmpty() ? l : indent + l)
          .collect(java.util.stream.Collectors.joining("\n")) + "\n";
    }
  }

  /** A notebook's Java cell as a recorded entry: the {@code # %% [java] LABEL} header and its commented lines. */
  public static String javaEntry(String label, String javaSource) {
    StringBuilder entry = new StringBuilder("# %% [java] ").append(label).append('\n');
    for (String line : javaSource.split("\r?\n", -1)) {
      entry.append(line.isEmpty() ? JAVA_LINE.strip() : JAVA_LINE + line).append('\n');
    }
    return entry.toString();
  }

  /** The Java cells recorded in {@code text} ({@link #javaEntry}), in order; none in a file without any. */
  public static List<JavaCell> javaCells(String text) {
    List<JavaCell> found = new ArrayList<>();
    String label = null;
    int first = 0;
    StringBuilder source = new StringBuilder();
    String[] lines = text.split("\n", -1);
    for (int i = 0; i < lines.length; i++) {
      String raw = lines[i];
      String line = raw.stripTrailing();
      if (CELL.matcher(line).matches()) {
        if (label != null) {
          found.add(new JavaCell(label, source.toString(), first));
        }
        Matcher java = JAVA_CELL.matcher(line);
        label = java.matches() ? (java.group(1) == null ? "java" : java.group(1).strip()) : null;
        first = i + 2;
        source.setLength(0);
      } else if (label != null && (line.startsWith(JAVA_LINE) || line.equals(JAVA_LINE.strip()))) {
        source.append(raw.length() > JAVA_LINE.length() ? raw.substring(JAVA_LINE.length()) : "").append('\n');
      }
    }
    if (label != null) {
      found.add(new JavaCell(label, source.toString(), first));
    }
    return found;
  }

  /** The line that records a stop request. */
  public static String stopNote(String stage, long stepsDone, long steps) {
    return "# verity: stopped " + stage + " after step " + stepsDone + " of " + steps;
  }

  /**
   * The line that records a stop between two statements of a cell (pressed during an evaluation, say): the cell
   * ran up to its line {@code cellLine} (1-based, within the cell), not that statement or any after it.
   */
  public static String stopBeforeNote(int cellLine) {
    return "# verity: stopped before line " + cellLine + " of the cell";
  }

  public static SessionScript parse(String text, String fileName) {
    String[] lines = text.split("\n", -1);
    List<Cell> cells = new ArrayList<>();
    StringBuilder source = new StringBuilder();
    Map<String, Long> stops = new LinkedHashMap<>();
    int stopBefore = 0; // a file line, 0 for none
    String label = fileName;
    boolean any = false;
    int first = 1; // the current cell's first line
    for (int i = 0; i < lines.length; i++) {
      Matcher cell = CELL.matcher(lines[i].stripTrailing());
      Matcher stop = STOP.matcher(lines[i].stripTrailing());
      Matcher stopBeforeLine = STOP_BEFORE.matcher(lines[i].stripTrailing());
      if (cell.matches()) {
        if (any || !source.toString().isBlank()) {
          cells.add(new Cell(label, source.toString(), stops, stopBefore, first, i));
        }
        stopBefore = 0;
        any = true;
        first = i + 2;
        String named = cell.group(1).strip();
        label = named.isEmpty() || named.startsWith("[") ? fileName : named; // "[markdown]" is not a label
        source = new StringBuilder("\n".repeat(i + 1)); // keep line numbers: this cell starts below its marker
        stops = new LinkedHashMap<>();
        continue;
      }
      if (stop.matches()) {
        stops.put(stop.group(1), Long.parseLong(stop.group(2)));
      } else if (stopBeforeLine.matches()) {
        stopBefore = first + Integer.parseInt(stopBeforeLine.group(1)) - 1; // the cell's line in the file
      }
      source.append(lines[i]);
      if (i < lines.length - 1) {
        source.append('\n');
      }
    }
    if (!any || !source.toString().isBlank()) {
      cells.add(new Cell(label, source.toString(), stops, stopBefore, first, lines.length));
    }
    return new SessionScript(cells);
  }
}
