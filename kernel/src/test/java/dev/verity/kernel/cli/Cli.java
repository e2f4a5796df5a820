package dev.verity.kernel.cli;

import java.io.PrintWriter;
import java.io.StringWriter;
import java.util.List;

/** Runs {@code verity args…} in this JVM with captured output. */
final class Cli {
  private Cli() {}

  /** What a command printed and how it exited. */
  record Ran(int exitCode, String out, String err) {
    List<String> errLines() {
      return err.lines().toList();
    }

    /** Everything printed, for failure messages. */
    String all() {
      return "exit " + exitCode + "\n--- out\n" + out + "--- err\n" + err;
    }
  }

  static Ran verity(String... args) {
    StringWriter out = new StringWriter();
    StringWriter err = new StringWriter();
    int code = Verity.commandLine(new PrintWriter(out, true), new PrintWriter(err, true)).execute(args);
    return new Ran(code, out.toString(), err.toString());
  }
}
