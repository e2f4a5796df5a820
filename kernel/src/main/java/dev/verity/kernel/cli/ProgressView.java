package dev.verity.kernel.cli;

import dev.verity.dsl.exec.ExecutionListener;

/** How a headless run shows training progress: a live bar for a person at a terminal, lines for a log. */
sealed interface ProgressView extends ExecutionListener permits ProgressBarView, LogLinesView {

  static ProgressView of(Terminal terminal) {
    return terminal.interactive() ? new ProgressBarView(terminal) : new LogLinesView(terminal.out());
  }
}
