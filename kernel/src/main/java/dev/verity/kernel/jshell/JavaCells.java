package dev.verity.kernel.jshell;

import dev.verity.engine.user.JavaClasses;
import dev.verity.kernel.cell.CellError;
import dev.verity.kernel.cell.CellEvaluator;
import dev.verity.kernel.cell.CellOutput;
import dev.verity.kernel.cell.Completions;
import dev.verity.kernel.cell.HelpText;
import dev.verity.kernel.cell.IsComplete;
import dev.verity.kernel.magic.Magics;
import java.nio.file.Path;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.function.BiConsumer;

/**
 * Java cells ({@code %%java}) of a notebook: one {@link JavaShell} for the kernel's life, started at the first Java
 * cell. Cells are named {@code cell[N]} in messages after their {@code In [N]}. The {@code %%java} line itself and
 * the magics above it arrive blanked, so lines and columns are the notebook's.
 */
public final class JavaCells implements CellEvaluator {
  private final String classPath;
  private final NotebookSession session;
  private final List<Path> added = new CopyOnWriteArrayList<>(); // by %classpath, whose jars a run records
  private final JavaClasses.Registration classes;
  private volatile JavaShell shell; // null until the first Java cell
  private volatile BiConsumer<String, String> record = (label, source) -> {};

  /**
   * Cells that compile and run against {@code classPath} (the kernel's own, so they see Verity's classes), with
   * {@code session} as their variable {@code session}.
   */
  public JavaCells(String classPath, NotebookSession session) {
    this.classPath = classPath;
    this.session = session;
    this.classes = JavaClasses.use(new CellSource());
  }

  /** The cells' classes as the DSL's {@code java("…")} finds them. */
  private final class CellSource implements JavaClasses.Source {
    @Override
    public Optional<Class<?>> find(String name) {
      JavaShell s = shell;
      return s == null ? Optional.empty() : s.findClass(name); // no Java cell and no %classpath yet: no classes
    }

    @Override
    public Optional<List<String>> unresolved(String name) {
      JavaShell s = shell;
      return s == null ? Optional.empty() : s.unresolved(name);
    }

    @Override
    public String describe() {
      return "the notebook's Java cells and %classpath";
    }

    @Override
    public List<Path> jars() {
      return List.copyOf(added);
    }

    @Override
    public Optional<String> notInOtherProcesses() {
      return Optional.of("it is defined in this notebook's Java cells, which a sweep's runs do not see: `%export"
          + " FILE` writes the session with its Java cells as # %% [java] cells, and `%sweep FILE` defines them in"
          + " every run");
    }
  }

  /**
   * Where each cell's Java goes once it ran, with its label ({@code cell[2]}), so that a replay can define its
   * classes again: all of the cell when it ran to its end, else the snippets before the one that failed.
   */
  public void recordTo(BiConsumer<String, String> record) {
    this.record = record;
  }

  /** Whether {@code cell}'s first line that is neither blank nor a line magic is {@value Magics#JAVA_CELL}. */
  public static boolean isJava(String cell) {
    for (String line : cell.split("\n", -1)) {
      String text = line.strip();
      if (text.equals(Magics.JAVA_CELL)) {
        return true;
      }
      if (!text.isEmpty() && !(text.startsWith("%") && !text.startsWith("%%"))) {
        return false;
      }
    }
    return false;
  }

  @Override
  public void evaluate(String code, CellOutput out) throws CellError {
    run(new CellText("cell", code), out);
  }

  @Override
  public void evaluate(String code, int executionCount, CellOutput out) throws CellError {
    run(new CellText("cell[" + executionCount + "]", code), out);
  }

  private void run(CellText cell, CellOutput out) throws CellError {
    JavaShell s = shell();
    boolean whole = false;
    try {
      s.run(cell, out);
      whole = true;
    } finally {
      String ran = whole ? cell.text() : s.ran();
      if (!ran.isBlank()) {
        record.accept(cell.name(), ran);
      }
    }
  }

  /** Adds a jar or class folder to what Java cells see ({@code %classpath}). */
  public void addToClasspath(String path) {
    shell().addToClasspath(path);
    added.add(Path.of(path));
  }

  @Override
  public void interrupt() {
    JavaShell s = shell;
    if (s != null) {
      s.stop();
    }
  }

  @Override
  public Completions complete(String code, int cursor) {
    return JavaAssist.complete(shell().analysis(), code, cursor);
  }

  @Override
  public Optional<HelpText> inspect(String code, int cursor) {
    return JavaAssist.inspect(shell().analysis(), code, cursor);
  }

  @Override
  public IsComplete isComplete(String code) {
    return JavaAssist.isComplete(shell().analysis(), code);
  }

  @Override
  public void close() {
    classes.close();
    JavaShell s = shell;
    if (s != null) {
      s.close();
    }
  }

  private synchronized JavaShell shell() {
    if (shell == null) {
      shell = new JavaShell(classPath, session);
    }
    return shell;
  }
}
