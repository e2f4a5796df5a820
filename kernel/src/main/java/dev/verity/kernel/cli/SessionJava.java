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
   */
  static RecordedJavaCells define(Terminal terminal, String source, String file, boolean tell, int exitCode) {
    RecordedJavaCells java;
    try {
      java = RecordedJavaCells.define(source, file, System.getProperty("java.class.path"), JavaClasses.jars());
    } catch (CellError e) {
      throw new CliException("a Java cell recorded in " + file + " does not compile here:\n"
          + String.join("\n", e.traceback()) + "\n(it compiled when the session ran it: give the jars it used with"
          + " --classpath, on the Java version it ran on)", exitCode);
    }
    if (tell && !java.isEmpty()) {
      terminal.err().println("verity: defined the classes of the session's Java cells again (" + file + ")");
      java.notes().forEach(note -> terminal.err().println("verity: note: " + note));
      terminal.err().flush();
    }
    return java;
  }
}
