package dev.verity.kernel.cli;

import dev.verity.dsl.parse.Parsing;
import dev.verity.engine.run.RunDirectory;
import java.io.IOException;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.InvalidPathException;
import java.nio.file.Path;

/**
 * An experiment file as given on the command line: the name its diagnostics carry (as the user typed it), its
 * text, and its folder, which relative paths inside it resolve against.
 */
record SourceFile(String name, String text, Path folder) {

  /**
   * Reads {@code arg} as the experiment file of {@code verity COMMAND}, first refusing the files people give by
   * mistake (a notebook, a run directory) with what to give instead.
   */
  static SourceFile experiment(String arg, String command) {
    if (arg.endsWith(NotebookFiles.NOTEBOOK)) {
      String twin = NotebookFiles.swap(arg, NotebookFiles.NOTEBOOK, NotebookFiles.TWIN);
      throw new CliException(arg + " is a notebook, not an experiment file: "
          + (Files.isRegularFile(pathOf(twin)) ? command + " its twin with `verity " + command + " " + twin + "`"
              : "export its cells to a .verity file with %export in Jupyter")
          + ", or open it in Jupyter");
    }
    if (RunDirectory.isRun(pathOf(arg))) {
      throw new CliException(arg + " is a run directory, not an experiment file: continue it with `verity run"
          + " --resume " + arg + "`, or rerun it with `verity replay " + arg + "`");
    }
    return read(arg);
  }

  /** Reads {@code arg}, or fails with one line saying what is wrong with it. */
  static SourceFile read(String arg) {
    Path path = pathOf(arg);
    if (Files.isDirectory(path)) {
      throw new CliException(arg + " is a folder: name an experiment file (.verity) in it");
    }
    if (!Files.exists(path)) {
      throw new CliException("no such file: " + arg);
    }
    try {
      return new SourceFile(arg, Parsing.withoutBom(Files.readString(path, StandardCharsets.UTF_8)),
          path.getParent());
    } catch (CharacterCodingException e) {
      throw new CliException(arg + " is not UTF-8 text: save it as UTF-8");
    } catch (IOException e) {
      throw new CliException("cannot read " + arg + ": " + e.getMessage());
    }
  }

  private static Path pathOf(String arg) {
    try {
      return Path.of(arg).toAbsolutePath().normalize();
    } catch (InvalidPathException e) {
      throw new CliException("'" + arg + "' is not a file name: " + e.getReason());
    }
  }
}
