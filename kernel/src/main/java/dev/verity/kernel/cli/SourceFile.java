package dev.verity.kernel.cli;

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

  /** Reads {@code arg}, or fails with one line saying what is wrong with it. */
  static SourceFile read(String arg) {
    Path path;
    try {
      path = Path.of(arg).toAbsolutePath().normalize();
    } catch (InvalidPathException e) {
      throw new CliException("'" + arg + "' is not a file name: " + e.getReason());
    }
    if (Files.isDirectory(path)) {
      throw new CliException(arg + " is a folder: name an experiment file (.verity) in it");
    }
    if (!Files.exists(path)) {
      throw new CliException("no such file: " + arg);
    }
    try {
      return new SourceFile(arg, Files.readString(path, StandardCharsets.UTF_8), path.getParent());
    } catch (CharacterCodingException e) {
      throw new CliException(arg + " is not UTF-8 text: save it as UTF-8");
    } catch (IOException e) {
      throw new CliException("cannot read " + arg + ": " + e.getMessage());
    }
  }
}
