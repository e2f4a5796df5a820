package dev.verity.kernel.jshell;

import dev.verity.kernel.cell.CellError;
import dev.verity.kernel.cell.CellOutput;
import dev.verity.kernel.cell.DisplayHandle;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import java.util.stream.Collectors;
import jdk.jshell.Diag;
import jdk.jshell.EvalException;
import jdk.jshell.ExpressionSnippet;
import jdk.jshell.JShell;
import jdk.jshell.Snippet;
import jdk.jshell.SnippetEvent;
import jdk.jshell.SourceCodeAnalysis;
import jdk.jshell.SourceCodeAnalysis.CompletionInfo;
import jdk.jshell.UnresolvedReferenceException;
import jdk.jshell.VarSnippet;

/**
 * One JShell session in the kernel's process, the state of every Java cell: declarations, imports, variables and
 * classes stay from cell to cell. It runs with JShell's local execution engine, so the values cells make are
 * objects of this process (rendered like the DSL's) and the classes they declare are loaded here, with their calls to
 * {@code System.exit} rewritten so that they throw ({@link ExitGuard}). A cell is split
 * into snippets by JShell's own source analysis and run snippet by snippet, up to the first that fails.
 */
final class JavaShell implements AutoCloseable {
  /** Imported in every cell, as in JShell's console and IJava: the JDK's everyday packages, tables and charts. */
  private static final List<String> IMPORTS = List.of("java.util.*", "java.util.function.*", "java.util.stream.*",
      "java.io.*", "java.math.*", "java.nio.file.*", "tech.tablesaw.api.*", "org.knowm.xchart.*");

  private static final String OUT_OF_MEMORY = OutOfMemoryError.class.getName();
  private static final Set<String> PRIMITIVES =
      Set.of("boolean", "byte", "char", "short", "int", "long", "float", "double");

  private final String key = UUID.randomUUID().toString();
  private final JShell shell;
  private final SourceCodeAnalysis analysis;
  /** Where each snippet's source starts: its cell and the cell line of its first line, for stack traces. */
  private final Map<String, Start> starts = new ConcurrentHashMap<>();
  private volatile boolean stopRequested;
  /** The snippets of the cell run last that ran to their end, as a replay defines them again. */
  private final StringBuilder ran = new StringBuilder();

  private record Start(String cell, int line) {}

  JavaShell(String classPath, NotebookSession session) {
    CellDisplay.register(key, session);
    shell = JShell.builder().executionEngine(new ExitGuard(), null).build();
    analysis = shell.sourceCodeAnalysis();
    if (!classPath.isBlank()) {
      shell.addToClasspath(classPath);
    }
    IMPORTS.forEach(name -> define("import " + name + ";"));
    define("void display(Object value) { " + show("value") + " }");
    define(NotebookSession.class.getName() + " session = " + CellDisplay.class.getName() + ".session(\"" + key
        + "\");");
  }

  /** Adds a jar or class folder to what cells compile and run against. */
  void addToClasspath(String path) {
    shell.addToClasspath(path);
  }

  /**
   * Runs {@code cell} snippet by snippet, its prints and {@code display}s going to {@code out}; a last expression's
   * value is displayed. A compile error, an exception in the cell's code or an interrupt stops it as a {@link
   * CellError}; the snippets before stay defined.
   */
  void run(CellText cell, CellOutput out) throws CellError {
    stopRequested = false;
    ran.setLength(0);
    CellDisplay.attach(key, out);
    try (CellStreams streams = CellStreams.to(out)) {
      List<Snippet> done = new ArrayList<>();
      eachSnippet(cell, (start, source) -> {
        done.add(runSnippet(cell, start, source));
        ran.append(source.strip()).append('\n');
      });
      if (!done.isEmpty()) {
        showValue(done.get(done.size() - 1)); // the last snippet's value, when it is an expression
      }
    } finally {
      CellDisplay.detach(key);
    }
  }

  /**
   * The Java of the cell run last that ran to its end, snippet by snippet: all of it when the cell ran without an
   * error; without the snippet that failed (a compile error, an exception, an interrupt) and what followed it.
   */
  String ran() {
    return ran.toString();
  }

  /**
   * Defines a recorded cell's Java again for a replay, output dropped: every snippet is run; the first that throws
   * (a cell that read a stage's results, which the replay has not run yet) is returned as a note, at its line, and
   * the rest go on; a compile error stops it, since the replay would lack what the cell declared.
   */
  List<String> replay(CellText cell) throws CellError {
    List<String> notes = new ArrayList<>();
    try (CellStreams dropped = CellStreams.to(DROPPED)) {
      eachSnippet(cell, (start, source) -> {
        try {
          runSnippet(cell, start, source);
        } catch (CellError failed) {
          if (failed.name().equals("CompileError")) {
            throw failed;
          }
          if (notes.isEmpty()) { // what follows a failed statement mostly fails with it: the first one says why
            String where = cell.name() + ":" + cell.line(start);
            notes.add(failed.getMessage().contains(NotebookSession.NO_RESULTS_YET)
                ? where + " reads the session's results, which do not exist yet as the classes are defined again"
                    + " (before any stage runs): skipped there, as expected; no recorded number depends on it"
                : "a Java cell threw as it was defined again, which changes no recorded number: " + where + ": "
                    + failed.getMessage());
          }
        }
      });
    }
    return notes;
  }

  /**
   * The class {@code name} means in the cells: one they declared (its simple name) or one of {@code %classpath}
   * (with its package, or imported in a cell). JShell compiles a reference to it and hands the class over; the
   * snippet is dropped again, so the cells' state is as before. Empty when the name does not compile.
   *
   * @param name a class name, checked as such by the caller (it is compiled as written)
   */
  Optional<Class<?>> findClass(String name) {
    String lookup = key + "/" + UUID.randomUUID();
    for (SnippetEvent event : shell.eval(CellClasses.class.getName() + ".found(\"" + lookup + "\", " + name
        + ".class);")) {
      if (event.status().isActive()) {
        shell.drop(event.snippet());
      }
    }
    return CellClasses.take(lookup);
  }

  /**
   * What the class {@code name} a cell declared refers to that no cell declares ({@code variable TYPE}), when
   * JShell keeps it declared but unusable until that is declared; empty when no cell declares such a class or it is
   * complete.
   */
  Optional<List<String>> unresolved(String name) {
    if (name.contains(".")) {
      return Optional.empty(); // a cell's classes have simple names
    }
    return shell.types()
        .filter(t -> t.name().equals(name) && (shell.status(t) == Snippet.Status.RECOVERABLE_NOT_DEFINED
            || shell.status(t) == Snippet.Status.RECOVERABLE_DEFINED))
        .map(t -> shell.unresolvedDependencies(t).toList())
        .filter(missing -> !missing.isEmpty())
        .findFirst();
  }

  /** Stops the code a cell runs now (JShell stops the thread running it); safe from any thread. */
  void stop() {
    stopRequested = true;
    shell.stop();
  }

  SourceCodeAnalysis analysis() {
    return analysis;
  }

  @Override
  public void close() {
    CellDisplay.unregister(key);
    shell.close();
  }

  /** What is done with each snippet of a cell: its source from its first character, at {@code start} in the cell. */
  @FunctionalInterface
  private interface SnippetAction {
    void accept(int start, String source) throws CellError;
  }

  /**
   * Splits {@code cell} into snippets by JShell's source analysis and hands each to {@code action} in order; a cell
   * that ends inside a statement is a {@link CellError} at that statement.
   */
  private void eachSnippet(CellText cell, SnippetAction action) throws CellError {
    String rest = cell.text();
    while (!rest.isBlank()) {
      CompletionInfo info = analysis.analyzeCompletion(rest);
      int offset = cell.text().length() - rest.length();
      if (info.completeness() == SourceCodeAnalysis.Completeness.EMPTY) {
        return; // only comments are left: nothing to run
      }
      if (info.source() == null || !info.completeness().isComplete()) {
        throw JavaErrors.unfinished(cell, offset + (rest.length() - rest.stripLeading().length()));
      }
      // From its first character: JShell numbers the lines of some snippets (expressions) without leading ones.
      String source = info.source().stripLeading();
      action.accept(offset + info.source().length() - source.length(), source);
      rest = info.remaining();
    }
  }

  /** Where a replayed cell's prints go: nowhere (its displays go nowhere too, with no output attached). */
  private static final CellOutput DROPPED = new CellOutput() {
    @Override
    public DisplayHandle display(Object value) {
      return replaced -> {};
    }

    @Override
    public void print(String text) {}

    @Override
    public void printError(String text) {}
  };

  private Snippet runSnippet(CellText cell, int offset, String source) throws CellError {
    List<SnippetEvent> events = shell.eval(source);
    SnippetEvent main = events.stream().filter(e -> e.causeSnippet() == null).findFirst()
        .orElseThrow(() -> new IllegalStateException("JShell gave no event for its snippet"));
    starts.put(main.snippet().id(), new Start(cell.name(), cell.line(offset)));
    if (main.status() == Snippet.Status.REJECTED) {
      List<Diag> errors = shell.diagnostics(main.snippet()).filter(Diag::isError).toList();
      throw JavaErrors.compile(cell, offset, source, errors);
    }
    if (stopRequested) {
      throw CellError.interrupted();
    }
    if (main.exception() instanceof UnresolvedReferenceException unresolved) {
      throw JavaErrors.unresolved(unresolved, shell.unresolvedDependencies(unresolved.getSnippet())
          .collect(Collectors.toList()));
    }
    if (main.exception() instanceof EvalException thrown) {
      CellError error = JavaErrors.thrown(thrown, this::place);
      throw OUT_OF_MEMORY.equals(thrown.getExceptionClassName()) ? withNote(error, relieveHeap()) : error;
    }
    if (main.exception() != null) {
      throw CellError.of(main.exception().getMessage());
    }
    return main.snippet();
  }

  /** After a cell ran out of heap: lets go of what the cells' variables hold while it is still full. */
  private String relieveHeap() {
    HeapRelief.Variables variables = new HeapRelief.Variables() {
      @Override
      public List<String> newestFirst() {
        return shell.variables()
            .filter(v -> starts.containsKey(v.id()) && !PRIMITIVES.contains(v.typeName())) // the cells' own
            .sorted(Comparator.comparingLong(JavaShell::order).reversed())
            .map(VarSnippet::name)
            .toList();
      }

      @Override
      public void clear(String name) {
        for (SnippetEvent event : shell.eval(name + " = null;")) {
          if (event.status().isActive()) {
            shell.drop(event.snippet());
          }
        }
      }
    };
    return HeapRelief.relieve(variables, HeapRelief::collectedShare).note();
  }

  /** JShell numbers the snippets of cells 1, 2, 3… as they are declared. */
  private static long order(Snippet snippet) {
    try {
      return Long.parseLong(snippet.id());
    } catch (NumberFormatException e) {
      return -1;
    }
  }

  private static CellError withNote(CellError error, String note) {
    if (note.isEmpty()) {
      return error;
    }
    List<String> lines = new ArrayList<>(error.traceback());
    lines.add(note);
    return new CellError(error.name(), error.getMessage(), lines);
  }

  /** Displays the value of an expression snippet (a temporary {@code $N} or a variable named alone). */
  private void showValue(Snippet snippet) throws CellError {
    String name = null;
    if (snippet instanceof VarSnippet v && v.subKind() == Snippet.SubKind.TEMP_VAR_EXPRESSION_SUBKIND) {
      name = v.name();
    } else if (snippet instanceof ExpressionSnippet e) {
      name = e.name();
    }
    if (name != null) {
      for (SnippetEvent event : shell.eval(show(name))) {
        shell.drop(event.snippet());
        if (event.exception() instanceof EvalException thrown) { // the value's own toString, say
          throw JavaErrors.thrown(thrown, this::place);
        }
      }
    }
  }

  /** {@code cell[3]:2} for a frame in snippet {@code #id} at its {@code line}; empty for a snippet of the kernel. */
  private Optional<String> place(String snippetId, int line) {
    Start start = starts.get(snippetId);
    return start == null ? Optional.empty() : Optional.of(start.cell() + ":" + (start.line() + line - 1));
  }

  private String show(String expression) {
    return CellDisplay.class.getName() + ".show(\"" + key + "\", " + expression + ");";
  }

  /** Runs kernel-written source that must compile. */
  private void define(String source) {
    for (SnippetEvent event : shell.eval(source)) {
      if (event.status() == Snippet.Status.REJECTED) {
        String why = shell.diagnostics(event.snippet()).map(d -> d.getMessage(Locale.ROOT))
            .collect(Collectors.joining("; "));
        throw new IllegalStateException("Java cells cannot start: '" + source + "' does not compile: " + why);
      }
    }
  }
}
