package dev.verity.kernel;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;

/**
 * One owner of a recorded run: the engine's run package ({@code Recorder}, {@code RunDirectory}) writes every file
 * inside a run directory. The command line, the kernel and the DSL ask it; none of their main code names a file in
 * the directory, opens one for writing, or writes files atomically itself.
 */
class RunOwnershipTest {
  private static final List<Path> OTHER_MODULES = List.of(Path.of("src/main/java"), Path.of("../dsl/src/main/java"));

  /**
   * What only the owner may do or know: the layout's names, writable opens, paths into the directory, checkpoint
   * file naming. (A run directory reached otherwise is read-only: {@code Recorder.directory()}.)
   */
  private static final Pattern FORBIDDEN = Pattern.compile(
      "RunDirectory\\.(SOURCE|MANIFEST|METRICS|EVAL|EVAL_LEVELS|ROLLOUTS|CHARTS|CHECKPOINTS|SAVED)\\b"
          + "|RunDirectory\\.(create|open)\\("
          // a sweep's own folder (sweep.path(), sweep.chartsDir()) is the sweep's, not a run's
          + "|(?<!sweep)\\.(chartsDir|checkpointsDir|sourceFile|manifestFile|savedDir)\\(\\)"
          + "|(?<!sweep)\\.path\\(\\)\\.resolve\\("
          + "|\\bCheckpointFiles\\b");

  @Test
  void noModuleButTheEnginesRunPackageWritesInsideARunDirectory() throws IOException {
    List<String> found = new ArrayList<>();
    int files = 0;
    for (Path root : OTHER_MODULES) {
      assertTrue(Files.isDirectory(root), root.toAbsolutePath() + " is where the module's sources are");
      try (Stream<Path> sources = Files.walk(root)) {
        for (Path file : sources.filter(f -> f.toString().endsWith(".java")).toList()) {
          files++;
          List<String> lines = Files.readAllLines(file);
          for (int i = 0; i < lines.size(); i++) {
            Matcher m = FORBIDDEN.matcher(lines.get(i));
            if (m.find()) {
              found.add(root.relativize(file) + ":" + (i + 1) + ": " + m.group());
            }
          }
        }
      }
    }
    assertTrue(files > 100, "read the sources of the dsl and kernel modules (" + files + " files)");
    assertEquals(List.of(), found, "run files are the engine's run package's to write");
  }
}
