package dev.verity.notebooks;

import static org.junit.jupiter.api.Assertions.assertEquals;

import dev.verity.kernel.clients.RealClients;
import java.io.File;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;
import java.util.stream.Stream;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * Every notebook's short version (its twin's {@code # ci:} overrides as VERITY_SET) executes through the real
 * Verity kernel with {@code jupyter nbconvert --execute}, in a copy of this folder, as scripts/run-notebooks.sh
 * --short does: no errors, a chart per plot, a table per table statement. Skipped, saying why, without Debian's
 * Jupyter packages.
 */
class ShortRunsTest {
  /** A short run takes seconds; the limit leaves room for a loaded 2-core machine. */
  private static final long TIMEOUT_S = 300;
  @TempDir static Path temp;
  static RealClients clients;
  static Path work;

  static List<String> names() {
    return Folder.names();
  }

  @BeforeAll
  static void copyTheFolderAndInstallTheKernel() throws Exception {
    clients = RealClients.serving(temp.resolve("jupyter"), kernelClassPath());
    work = Files.createDirectories(temp.resolve("notebooks"));
    // committed sweeps, which magic cells show as ../results/NAME, beside the copy as beside the folder
    Files.createSymbolicLink(temp.resolve("results"), Folder.PATH.resolve("../results").toAbsolutePath().normalize());
    Path data = Folder.PATH.resolve("data");
    if (Files.isDirectory(data)) {
      try (Stream<Path> files = Files.walk(data)) {
        for (Path from : (Iterable<Path>) files::iterator) {
          Path to = work.resolve(Folder.PATH.relativize(from).toString());
          if (Files.isDirectory(from)) {
            Files.createDirectories(to);
          } else {
            Files.copy(from, to);
          }
        }
      }
    }
  }

  @ParameterizedTest(name = "{0}: the short version executes with charts and tables")
  @MethodSource("names")
  void theShortVersionExecutes(String name) throws Exception {
    Path notebook = Files.copy(Folder.notebookFile(name), work.resolve(name + ".ipynb"),
        StandardCopyOption.REPLACE_EXISTING);
    String overrides = Folder.twin(name).veritySet();
    long start = System.nanoTime();
    // One PyTorch thread: on a 2-core machine shared with other jobs, two threads spin-wait on each other and run
    // these tiny models tens of times slower; the count changes the bits, not what the notebook shows.
    RealClients.Result result = clients.run(Map.of("VERITY_SET", overrides, "OMP_NUM_THREADS", "1"), TIMEOUT_S,
        RealClients.JUPYTER.toString(), "nbconvert", "--to", "notebook", "--execute", "--inplace",
        "--ExecutePreprocessor.timeout=" + TIMEOUT_S, notebook.toString());
    System.out.printf("%s: short version executed in %.1f s (VERITY_SET=%s)%n", name,
        (System.nanoTime() - start) / 1e9, overrides);
    assertEquals(0, result.exitCode(), () -> name + ": nbconvert failed:\n" + result.stderr());
    ExecutedNotebook.read(notebook).assertComplete();
  }

  /**
   * This JVM's class path without test classes and test jars (this module's, and the kernel's test-jar, whose
   * fixture language would be served first): the kernel process serves the Verity DSL.
   */
  static String kernelClassPath() {
    return Arrays.stream(System.getProperty("java.class.path").split(File.pathSeparator))
        .filter(entry -> !entry.endsWith("test-classes") && !entry.endsWith("-tests.jar"))
        .collect(Collectors.joining(File.pathSeparator));
  }
}
