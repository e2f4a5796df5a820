package dev.verity.kernel.backend;

import dev.verity.dsl.Overrides;
import dev.verity.kernel.KernelBackend;
import dev.verity.kernel.cell.CellEvaluator;
import dev.verity.kernel.jshell.JavaCells;
import dev.verity.kernel.jshell.NotebookSession;
import dev.verity.kernel.magic.MagicHandler;
import java.nio.file.Path;
import java.time.Clock;
import java.util.Arrays;
import java.util.List;

/**
 * The Verity DSL in the kernel: one session per kernel process, rooted in the kernel's working directory (Jupyter
 * starts a kernel in its notebook's folder), recording to runs/ there. The environment variable {@code VERITY_SET}
 * ({@code ;}-separated {@code NAME.SETTING=VALUE} overrides, e.g. {@code sft.steps=20;rl.steps=3}) is read once
 * and applied to every cell: CI runs short versions of the example notebooks this way. Cells that start with
 * {@code %%java} are Java, compiled against the kernel's class path.
 */
public final class DslBackend implements KernelBackend {
  /** The environment variable holding overrides for every cell. */
  public static final String OVERRIDES_VARIABLE = Overrides.ENVIRONMENT;

  private final NotebookCells evaluator;
  private final DslMagics magics;

  /** The backend the kernel finds with ServiceLoader: the working directory, overrides from the environment. */
  public DslBackend() {
    this(Path.of("").toAbsolutePath(), overrides(System.getenv(OVERRIDES_VARIABLE)), Clock.systemDefaultZone());
  }

  /** A session rooted in {@code baseDir} with {@code overrides} on every cell; its run stamped by {@code clock}. */
  public DslBackend(Path baseDir, List<String> overrides, Clock clock) {
    Notebook notebook = new Notebook(baseDir, overrides, clock);
    JavaCells java = new JavaCells(System.getProperty("java.class.path"), new NotebookSession(notebook::session));
    java.recordTo(notebook::recordJava);
    this.evaluator = new NotebookCells(new DslEvaluator(notebook), java);
    this.magics = new DslMagics(notebook, java);
  }

  /** The evaluator (the same each call); closing it ends the session and marks its run done. */
  @Override
  public CellEvaluator evaluator() {
    return evaluator;
  }

  @Override
  public MagicHandler magics() {
    return magics;
  }

  /** {@code VERITY_SET}'s overrides: split at {@code ;}, blanks around each dropped; none when unset. */
  static List<String> overrides(String variable) {
    if (variable == null) {
      return List.of();
    }
    return Arrays.stream(variable.split(";")).map(String::strip).filter(s -> !s.isEmpty()).toList();
  }
}
