package dev.verity.kernel.backend;

import ai.djl.Device;
import dev.verity.dsl.parse.Parsing;
import dev.verity.engine.checkpoint.AtomicFiles;
import dev.verity.engine.runtime.TorchRuntime;
import dev.verity.kernel.cell.CellError;
import dev.verity.kernel.cell.CellOutput;
import dev.verity.kernel.jshell.JavaCells;
import dev.verity.kernel.magic.Magic;
import dev.verity.kernel.magic.MagicHandler;
import dev.verity.kernel.magic.Magics;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.InvalidPathException;
import java.nio.file.Path;
import java.util.Optional;
import tech.tablesaw.api.Table;

/**
 * The magics in a Verity session. Paths in {@code %run}, {@code %export} and {@code %classpath} are relative to
 * the notebook's folder; so are the paths inside a file run with {@code %run}, as in the notebook's own cells.
 */
final class DslMagics implements MagicHandler {
  private final Notebook notebook;
  private final JavaCells java;

  DslMagics(Notebook notebook, JavaCells java) {
    this.notebook = notebook;
    this.java = java;
  }

  @Override
  public void handle(Magic magic, CellOutput out) throws CellError {
    if (magic instanceof Magic.Seed m) {
      seed(m.seed(), out);
    } else if (magic instanceof Magic.Threads m) {
      threads(m.threads(), out);
    } else if (magic instanceof Magic.Device m) {
      device(m.kind(), out);
    } else if (magic instanceof Magic.Run m) {
      run(m.file(), out);
    } else if (magic instanceof Magic.Export m) {
      export(m.file(), out);
    } else if (magic instanceof Magic.Classpath m) {
      classpath(m.path(), out);
    } else if (magic instanceof Magic.Runs) {
      runs(out);
    } else if (magic instanceof Magic.Sweep m) {
      new SweepMagic(notebook).sweep(m.args(), out);
    } else if (magic instanceof Magic.Compare m) {
      new SweepMagic(notebook).compare(m.args(), out);
    } else if (magic instanceof Magic.Help) {
      out.print(Magics.help());
    }
  }

  private void seed(long seed, CellOutput out) throws CellError {
    if (seed < 0) {
      throw CellError.of("%seed expects a whole number ≥ 0, got " + seed + " (usage: %seed N)");
    }
    try {
      Outcomes.check(notebook.seed(seed));
    } finally {
      notebook.takeWarnings().forEach(w -> out.printError(w + "\n"));
    }
    out.print("seed " + seed + " for what follows\n");
  }

  private void threads(int threads, CellOutput out) {
    TorchRuntime.setThreads(threads);
    out.print("PyTorch computes on " + TorchRuntime.threads() + " threads\n");
    int cores = Runtime.getRuntime().availableProcessors();
    if (threads > cores) {
      out.printError("warning: this machine has " + cores + " cores; more threads than cores slows training\n");
    }
    if (notebook.recorder().isPresent()) {
      out.printError("note: the run's manifest keeps the thread count it started with; a replay is bit-identical"
          + " only at the thread count the steps ran with\n");
    }
  }

  private void device(Magic.Device.Kind kind, CellOutput out) {
    Device device = TorchRuntime.device(kind == Magic.Device.Kind.GPU);
    if (kind == Magic.Device.Kind.GPU && !device.isGpu()) {
      out.printError("warning: PyTorch sees no GPU here (a CPU build of its native library, or no CUDA device):"
          + " models stay on the CPU\n");
    }
    notebook.device(device);
    String where = device.isGpu() ? "GPU " + device.getDeviceId() : "the CPU"; // not DJL's "cpu()"
    out.print("models declared from now on are created on " + where + "; models that exist stay where they are\n");
  }

  private void run(String name, CellOutput out) throws CellError {
    Path file = resolve("%run", name);
    if (!Files.isRegularFile(file)) {
      throw CellError.of("%run: no file " + file + " (a %run path is relative to the notebook's folder, "
          + notebook.baseDir() + ")");
    }
    String text;
    try {
      text = Parsing.withoutBom(Files.readString(file, StandardCharsets.UTF_8));
    } catch (CharacterCodingException e) {
      throw CellError.of("%run: " + file + " is not UTF-8 text: save it as UTF-8");
    } catch (IOException e) {
      throw CellError.of("%run: cannot read " + file + ": " + e.getMessage());
    }
    DslEvaluator.run(notebook, text, name, "%run " + name, out);
  }

  private void export(String name, CellOutput out) throws CellError {
    Path file = resolve("%export", name);
    Optional<String> text = notebook.exportText();
    if (text.isEmpty()) {
      throw CellError.of("%export: nothing has run in this session yet: run some cells, then export them");
    }
    String content = "# Exported from a Verity notebook session: the cells that ran, in order.\n\n" + text.get();
    try {
      AtomicFiles.writeString(file, content);
    } catch (IOException e) {
      throw CellError.of("%export: cannot write " + e.getMessage()); // FILE: cause
    }
    out.print("exported the session to " + file + "; run it with: verity run " + name + "\n");
  }

  private void classpath(String name, CellOutput out) throws CellError {
    Path path = resolve("%classpath", name);
    boolean jar = Files.isRegularFile(path) && path.getFileName().toString().endsWith(".jar");
    if (!jar && !Files.isDirectory(path)) {
      throw CellError.of("%classpath: " + path + " is neither a .jar file nor a folder of classes (a %classpath"
          + " path is relative to the notebook's folder, " + notebook.baseDir() + ")");
    }
    java.addToClasspath(path.toString());
    out.print("Java cells now see " + path + "\n");
  }

  private void runs(CellOutput out) throws CellError {
    Table table;
    try {
      table = RunsTable.of(notebook.runsDir());
    } catch (UncheckedIOException e) {
      throw CellError.of("%runs: " + e.getMessage());
    }
    if (table.rowCount() == 0) {
      out.print("no runs under " + notebook.runsDir() + " yet\n");
    } else {
      out.display(table);
    }
  }

  private Path resolve(String magic, String name) throws CellError {
    try {
      return notebook.baseDir().resolve(name).normalize();
    } catch (InvalidPathException e) {
      throw CellError.of(magic + ": '" + name + "' is not a file name: " + e.getReason());
    }
  }
}
