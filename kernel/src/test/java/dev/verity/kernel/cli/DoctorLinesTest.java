package dev.verity.kernel.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** {@code verity run} prints each finding of the doctor as one line as it happens, and names them at the end. */
class DoctorLinesTest {
  static final String HOPELESS = """
      experiment "hopeless" seed 5
      task add = addition(digits: 6)
      model policy = gpt(layers: 1, heads: 2, dim: 16, context: 32)
      rl tune: policy on add {
        reward: exact_answer()
        sampling: sample(per_prompt: 2, max_tokens: 8)
        prompts: 4
        steps: 12
      }
      """;

  @TempDir Path dir;

  @Test
  void eachFindingIsALineAndTheStageSummaryCountsThem() throws IOException {
    Path file = dir.resolve("hopeless.verity");
    Files.writeString(file, HOPELESS);
    Cli.Ran ran = Cli.verity("run", file.toString(), "--out", dir.resolve("runs").toString());
    assertEquals(Verity.DONE, ran.exitCode(), ran.all());
    List<String> lines = ran.out().lines().filter(l -> l.startsWith("doctor: ")).toList();
    assertTrue(lines.stream().anyMatch(l -> l.startsWith("doctor: tune step 10: in each of the last 10 steps")
        && l.contains("too hard") && l.contains(" — ") && l.contains("curriculum")), ran.all());
    int at = ran.out().indexOf("doctor: tune step 10:");
    assertTrue(ran.out().indexOf("tune step 10/12") < at && at < ran.out().indexOf("tune step 12/12"),
        "printed as it happens, between the progress lines: " + ran.all());
    assertTrue(ran.out().contains("; doctor: " + lines.size() + " finding"), ran.all());
  }
}
