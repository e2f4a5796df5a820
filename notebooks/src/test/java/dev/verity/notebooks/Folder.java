package dev.verity.notebooks;

import dev.verity.kernel.notebook.Cell;
import dev.verity.kernel.notebook.Ipynb;
import dev.verity.kernel.notebook.Twin;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.stream.Stream;

/** The notebooks folder (this module's own folder, where Maven runs its tests): the twins and their notebooks. */
final class Folder {
  static final Path PATH = Path.of("").toAbsolutePath();

  private Folder() {}

  /** The notebooks' names, from their twins: {@code quickstart}, {@code long-cot}, …; never empty. */
  static List<String> names() {
    List<String> names = namesOf(".verity");
    if (names.isEmpty()) {
      throw new IllegalStateException("no .verity twins in " + PATH + ": the tests must run in notebooks/");
    }
    return names;
  }

  /** The names of the files here ending in {@code extension}, sorted. */
  static List<String> namesOf(String extension) {
    try (Stream<Path> files = Files.list(PATH)) {
      return files.map(p -> p.getFileName().toString()).filter(n -> n.endsWith(extension))
          .map(n -> n.substring(0, n.length() - extension.length())).sorted().toList();
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  static Path twinFile(String name) {
    return PATH.resolve(name + ".verity");
  }

  static Path notebookFile(String name) {
    return PATH.resolve(name + ".ipynb");
  }

  static Twin twin(String name) {
    return Twin.parse(read(twinFile(name)), name + ".verity");
  }

  static List<Cell> notebookCells(Path notebook) {
    return Ipynb.cells(read(notebook), notebook.getFileName().toString());
  }

  static String read(Path file) {
    try {
      return Files.readString(file);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }
}
