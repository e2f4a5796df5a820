package dev.verity.kernel.cli;

import dev.verity.dsl.diag.Diagnostics;
import java.io.PrintWriter;
import picocli.CommandLine.Model.CommandSpec;

/**
 * Where a command writes: results to {@code out}, problems to {@code err}; {@code interactive} when a person
 * watches a terminal (a progress bar then), not a log file or a pipe (plain lines then).
 */
record Terminal(PrintWriter out, PrintWriter err, boolean interactive) {

  /** The command's own streams; interactive when the JVM has a console (stdin and stdout are a terminal). */
  static Terminal of(CommandSpec spec) {
    return new Terminal(spec.commandLine().getOut(), spec.commandLine().getErr(), System.console() != null);
  }

  /** Every warning with its source line and carets: settings that run but cannot learn; nothing stops. */
  void printWarnings(Diagnostics warnings) {
    if (!warnings.isEmpty()) {
      err.println(warnings.render());
      err.println(); // apart from what follows
      err.flush();
    }
  }

  /** Every diagnostic with its source line and carets, then how many there were. */
  void printErrors(Diagnostics diagnostics) {
    err.println(diagnostics.render());
    int n = diagnostics.size();
    err.println(n + (n == 1 ? " error" : " errors"));
    err.flush();
  }
}
