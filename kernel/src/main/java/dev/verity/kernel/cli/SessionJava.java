package dev.verity.kernel.cli;

import dev.verity.engine.user.JavaClasses;
import dev.verity.kernel.cell.CellError;
import dev.verity.kernel.jshell.RecordedJavaCells;

/**
 * The Java cells a notebook session recorded in its experiment file ({@code # %% [java]}), defined again for a
 * command that checks or runs that file: a replay, a resume, {@code check} or {@code run} of an exported session.
 */
final class SessionJava {
  private SessionJava() {}

  /**
   * Defines them, compiled against Verity and the jars given ({@code --classpath} or the run's recorded ones);
   * says so on stderr when {@code tell}, with the cells that threw.
   *
   * @param exitCode the status when a cell does not compile: bad input for a file given, failed for a rerun
   * @param recordedRun whether the source is a recorded run's ({@code replay}, {@code run --resume}), which
   *     compiled when the run ran it, or a file the user gave ({@code run FILE}, {@code check}, {@code sweep}),
   *     which may never have compiled: only the first gets advice about the run's jars and Java version
   */
  static RecordedJavaCells define(Terminal terminal, String source, String file, boolean tell, int exitCode,
      boolean recordedRun) {
    RecordedJavaCells java;
    try {
      java = RecordedJavaCells.define(source, file, System.getProperty("java.class.path"), JavaClasses.jars(),
          recordedRun);
    } catch (CellError e) {
      String traceback = String.join("\n", e.traceback());
      throw new CliException(recordedRun
          ? "a Java cell recorded in " + file + " does not compile here:\n" + traceback
              + "\n(it compiled when the session ran it: give the jars it used with --classpath, on the Java"
              + " version it ran on)"
          : "a Java cell in " + file + " does not compile:\n" + traceback, exitCode);
    }
    if (tell && !java.isEmpty()) {
      terminal.err().println(recordedRun
          ? "verity: defined the classes of the session's Java cells again (" + file + ")"
          : "verity: defined the classes of the file's Java cells (" + file + ")");
      java.notes().forEach(note -> terminal.err().println("verity: note: " + note));
      terminal.err().flush();
    }
    return java;
  }
}
