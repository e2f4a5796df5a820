package dev.verity.kernel.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.verity.engine.run.RunDirectory;
import dev.verity.engine.run.RunStatus;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.stream.Stream;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** A failed check is a reward known to be wrong: {@code verity run} fails there, before anything trains on it. */
class FailedCheckTest {
  static final String SOURCE = """
      experiment "wrong-check" seed 1
      task add = addition(digits: 1..2)
      model policy = gpt(layers: 1, heads: 1, dim: 16, context: 32)
      reward correct = exact_answer()
      check correct(prompt: "12+30=", response: "42", answer: "42") == 1
      check correct(prompt: "12+30=", response: "42 ", answer: "42", task: add) == 1
      sft warm: policy on add { steps: 2, batch: 4 }
      """;
  static final String FAILURE = ":6:1: error: check failed: correct(prompt: \"12+30=\", response: \"42 \", answer:"
      + " \"42\", task: add) == 1: got 0 [correct = 0, exact_answer = 0]; fix the reward or the check";

  @TempDir static Path dir;
  static Path file;
  static Cli.Ran ran;
  static RunDirectory run;

  @BeforeAll
  static void runTheFileWithAWrongCheck() throws IOException {
    file = Files.writeString(dir.resolve("wrong.verity"), SOURCE);
    ran = Cli.verity("run", file.toString(), "--out", dir.resolve("runs").toString());
    run = RunDirectory.openReadOnly(only(dir.resolve("runs")));
  }

  @Test
  void theRunExitsOneWithOneLineNamingTheCheckItsValuesAndTheFix() {
    assertEquals(Verity.FAILED, ran.exitCode(), ran.all());
    assertTrue(ran.err().startsWith(file + FAILURE + "\n"), ran.all());
    assertTrue(ran.err().contains("verity: the run failed; run directory " + run.path() + " (status failed)"),
        ran.all());
    assertTrue(ran.out().contains("✓ passed: check correct(prompt: \"12+30=\", response: \"42\""), "the check before"
        + " it passed and shows:\n" + ran.all());
    assertFalse(ran.out().contains("done:"), ran.all());
  }

  @Test
  void theManifestIsFailedWithTheChecksPlace() throws IOException {
    assertEquals(RunStatus.FAILED, run.manifest().status());
    assertEquals(file + FAILURE, run.manifest().error().orElseThrow());
  }

  @Test
  void nothingAfterTheCheckRan() throws IOException {
    assertTrue(run.records().metrics().isEmpty(), "the sft stage after the check did not train");
    assertFalse(ran.out().contains("sft warm"), ran.all());
  }

  @Test
  void aReplayFailsAtTheSameCheckAndComparesWhatBothRecorded() throws IOException {
    Cli.Ran replay = Cli.verity("replay", run.path().toString(), "--out", dir.resolve("replays").toString());
    assertTrue(replay.err().contains("note: the recorded run failed (" + run.manifest().error().orElseThrow()
        + "); the replay should fail at the same place"), replay.all());
    assertTrue(replay.err().contains(run.sourceFile() + FAILURE), "fails at the same check:\n" + replay.all());
    RunDirectory replayed = RunDirectory.openReadOnly(only(dir.resolve("replays")));
    assertTrue(replayed.records().metrics().isEmpty(), "the replay did not train past the check either");
    assertEquals(Verity.DONE, replay.exitCode(), replay.all());
    assertTrue(replay.out().strip().endsWith("identical"), replay.all());
  }

  private static Path only(Path runs) throws IOException {
    try (Stream<Path> dirs = Files.list(runs)) {
      return dirs.findFirst().orElseThrow();
    }
  }
}
