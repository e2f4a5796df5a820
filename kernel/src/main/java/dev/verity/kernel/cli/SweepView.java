package dev.verity.kernel.cli;

import dev.verity.kernel.render.Renderers;
import dev.verity.kernel.sweep.ProgressTable;
import dev.verity.kernel.sweep.RunEntry;
import dev.verity.kernel.sweep.RunProgress;
import dev.verity.kernel.sweep.RunState;
import dev.verity.kernel.sweep.Sweep;
import dev.verity.kernel.sweep.SweepDriver;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * A sweep at the terminal. For a person, the table of runs (status, stage, step, accuracy, latest evaluation)
 * redrawn in place about once a second, with a line above it for each run that ends; for a log or a pipe, a line
 * each time a run changes state, and the log's tail under a run that did not end done.
 */
final class SweepView implements SweepDriver.View {
  private static final String UP_AND_CLEAR = "\033[%dF\033[J"; // cursor up N lines to their start, clear below

  private static final int LOG_TAIL = 12;

  private final Terminal terminal;
  private final Renderers renderers = Renderers.standard();
  private final Map<String, RunState> shown = new HashMap<>();
  private int tableLines;

  SweepView(Terminal terminal) {
    this.terminal = terminal;
  }

  @Override
  public synchronized void progress(Sweep sweep, List<RunProgress> runs) {
    if (terminal.interactive()) {
      clearTable();
      String table = table(sweep, runs);
      terminal.out().println(table);
      tableLines = table.split("\n", -1).length;
    } else {
      for (RunProgress run : runs) {
        RunState before = shown.put(run.id(), run.status());
        if (before != run.status() && run.status() != RunState.PENDING && !run.status().ended()) {
          terminal.out().println(run.id() + ": " + run.status().label());
        }
      }
    }
    terminal.out().flush();
  }

  @Override
  public synchronized void ended(RunEntry run, List<String> logTail) {
    clearTable();
    shown.put(run.id(), run.status());
    String why = run.message() == null ? "" : " (" + run.message() + ")";
    terminal.out().println(run.id() + ": " + run.status().label() + why);
    for (String line : logTail) {
      terminal.out().println("  | " + line);
    }
    terminal.out().flush();
  }

  @Override
  public synchronized void note(String line) {
    clearTable();
    terminal.err().println("verity: " + line);
    terminal.err().flush();
  }

  /** Each failed run with why and the tail of its log, for {@code --status}. */
  synchronized void failures(Sweep sweep) {
    for (RunEntry run : sweep.record().runs()) {
      if (run.status() == RunState.FAILED) {
        ended(run, sweep.logTail(run.id(), LOG_TAIL));
      }
    }
  }

  /** The table as it stands, once, for the end of a sweep or {@code --status}. */
  synchronized void finalTable(Sweep sweep, List<RunProgress> runs) {
    clearTable();
    terminal.out().println(table(sweep, runs));
    terminal.out().flush();
  }

  private String table(Sweep sweep, List<RunProgress> runs) {
    return renderers.render(ProgressTable.of(sweep.path().getFileName() + ": " + ProgressTable.counts(runs), runs))
        .text();
  }

  /** Removes the live table, so a line printed now goes where it stood and the table is drawn again below. */
  private void clearTable() {
    if (terminal.interactive() && tableLines > 0) {
      terminal.out().print(String.format(UP_AND_CLEAR, tableLines));
      tableLines = 0;
    }
  }
}
