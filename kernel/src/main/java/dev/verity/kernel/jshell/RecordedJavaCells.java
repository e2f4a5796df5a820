package dev.verity.kernel.jshell;

import dev.verity.dsl.exec.SessionScript;
import dev.verity.engine.user.JavaClasses;
import dev.verity.kernel.cell.CellError;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * A recorded notebook session's Java cells defined again, so that a replay, a resume or a run of an exported
 * session finds the classes its {@code java("…")} names: the cells run in a JShell of their own, in the order they
 * ran, before the DSL is checked, and their classes are nameable until this is closed. Values and prints are
 * dropped; a cell that threw (one that read a stage's results, which have not been computed yet) is noted, not
 * fatal, because only the classes reach the run's numbers.
 */
public final class RecordedJavaCells implements AutoCloseable {
  private final JavaShell shell; // null when the source has no Java cells
  private final JavaClasses.Registration registration;
  private final List<String> notes;

  private RecordedJavaCells(JavaShell shell, JavaClasses.Registration registration, List<String> notes) {
    this.shell = shell;
    this.registration = registration;
    this.notes = List.copyOf(notes);
  }

  /**
   * Defines the Java cells recorded in {@code source} (named {@code file} in errors, at its lines), compiled against {@code classPath} (Verity's own) and
   * {@code jars} (the run's {@code %classpath} jars); nothing when it records none.
   *
   * @throws CellError a recorded cell that no longer compiles here (a jar that lacks a class, another JDK)
   */
  public static RecordedJavaCells define(String source, String file, String classPath, List<Path> jars)
      throws CellError {
    return define(source, file, classPath, jars, false);
  }

  /**
   * As {@link #define(String, String, String, List)}; {@code recordedRun} says whether the source is a recorded
   * run's (a replay or a resume), or a file the user gave ({@code run}, {@code check}, {@code sweep}), which
   * names where a class was searched for in errors.
   */
  public static RecordedJavaCells define(String source, String file, String classPath, List<Path> jars,
      boolean recordedRun) throws CellError {
    List<SessionScript.JavaCell> cells = SessionScript.javaCells(source);
    if (cells.isEmpty()) {
      return new RecordedJavaCells(null, () -> {}, List.of());
    }
    JavaShell shell = new JavaShell(classPath, new NotebookSession(Optional::empty));
    List<String> notes = new ArrayList<>();
    try {
      jars.forEach(jar -> shell.addToClasspath(jar.toString()));
      for (SessionScript.JavaCell cell : cells) {
        notes.addAll(shell.replay(new CellText(file, cell.sourceInPlace())));
      }
    } catch (CellError | RuntimeException e) {
      shell.close();
      throw e;
    }
    JavaClasses.Registration registration = JavaClasses.use(new JavaClasses.Source() {
      @Override
      public Optional<Class<?>> find(String name) {
        return shell.findClass(name);
      }

      @Override
      public Optional<List<String>> unresolved(String name) {
        return shell.unresolved(name);
      }

      @Override
      public String describe() {
        return recordedRun ? "the run's recorded Java cells" : "the file's Java cells";
      }

      @Override
      public List<Path> jars() {
        return List.of(); // the run's jars come with their own source, from the manifest's record
      }
    });
    return new RecordedJavaCells(shell, registration, notes);
  }

  /** Whether the source recorded no Java cells. */
  public boolean isEmpty() {
    return shell == null;
  }

  /** The cells that threw as they were defined again, each with its message. */
  public List<String> notes() {
    return notes;
  }

  @Override
  public void close() {
    registration.close();
    if (shell != null) {
      shell.close();
    }
  }
}
