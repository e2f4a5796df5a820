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
 */
public record SessionScript(List<Cell> cells) {
  private static final Pattern CELL = Pattern.compile("^# %%(.*)$");
  private static final Pattern STOP = Pattern.compile("^# verity: stopped (\\S+) after step (\\d+)\\b.*$");

  /**
   * One cell: its label ({@code cell[3]}, or the file's name), its source, the stops recorded after it, and the
   * file's lines it spans ({@code firstLine} to {@code lastLine}, 1-based).
   */
  public record Cell(String label, String source, Map<String, Long> stops, int firstLine, int lastLine) {
    public Cell {
      stops = Map.copyOf(stops);
    }

    /** Whether line {@code line} of the file is in this cell. */
    public boolean holds(int line) {
      return line >= firstLine && line <= lastLine;
    }
  }

  public SessionScript {
    cells = List.copyOf(cells);
  }

  /** The line that starts a recorded cell. */
  public static String header(String label) {
    return "# %% " + label;
  }

  /** The line that records a stop request. */
  public static String stopNote(String stage, long stepsDone, long steps) {
    return "# verity: stopped " + stage + " after step " + stepsDone + " of " + steps;
  }

  public static SessionScript parse(String text, String fileName) {
    String[] lines = text.split("\n", -1);
    List<Cell> cells = new ArrayList<>();
    StringBuilder source = new StringBuilder();
    Map<String, Long> stops = new LinkedHashMap<>();
    String label = fileName;
    boolean any = false;
    int first = 1; // the current cell's first line
    for (int i = 0; i < lines.length; i++) {
      Matcher cell = CELL.matcher(lines[i].stripTrailing());
      Matcher stop = STOP.matcher(lines[i].stripTrailing());
      if (cell.matches()) {
        if (any || !source.toString().isBlank()) {
          cells.add(new Cell(label, source.toString(), stops, first, i));
        }
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
      }
      source.append(lines[i]);
      if (i < lines.length - 1) {
        source.append('\n');
      }
    }
    if (!any || !source.toString().isBlank()) {
      cells.add(new Cell(label, source.toString(), stops, first, lines.length));
    }
    return new SessionScript(cells);
  }
}
