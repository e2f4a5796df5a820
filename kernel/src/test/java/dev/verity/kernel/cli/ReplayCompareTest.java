package dev.verity.kernel.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.verity.engine.run.RunDirectory;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Optional;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A replay written into the runs folder it came from (runs/) is not one more seed to {@code verity compare}: its
 * manifest names the run it replays, and compare leaves it out with a note, so seeds {1, 1 replayed, 2} give n = 2.
 */
class ReplayCompareTest {
  private static final String TINY = """
      experiment "tiny" seed 1
      task add = addition(digits: 1..1)
      task add_test = addition(digits: 1..1, count: 4)
      model policy = gpt(layers: 1, heads: 2, dim: 16, context: 16)
      sampling greedy = sample(temperature: 0, max_tokens: 4)
      sft warm: policy on add { steps: 2, batch: 4 }
      eval final: policy on add_test with greedy
      """;

  @TempDir Path dir;

  @Test
  void aCompareOverARunAndItsReplayCountsTheSeedOnce() throws Exception {
    Path file = Files.writeString(dir.resolve("tiny.verity"), TINY);
    Path runs = dir.resolve("runs");
    Cli.Ran one = Cli.verity("run", file.toString(), "--out", runs.toString());
    assertEquals(Verity.DONE, one.exitCode(), one.all());
    Path first = only(runs);
    Cli.Ran two = Cli.verity("run", file.toString(), "--out", runs.toString(), "--set", "seed=2");
    assertEquals(Verity.DONE, two.exitCode(), two.all());
    Cli.Ran replay = Cli.verity("replay", first.toString(), "--out", runs.toString());
    assertEquals(Verity.DONE, replay.exitCode(), replay.all());
    Path replayed;
    try (Stream<Path> in = Files.list(runs)) {
      List<Path> all = in.sorted().toList();
      assertEquals(3, all.size(), all.toString());
      replayed = all.stream().filter(p -> {
        try {
          return RunDirectory.openReadOnly(p).manifest().replayOf().isPresent();
        } catch (java.io.IOException e) {
          throw new java.io.UncheckedIOException(e);
        }
      }).findFirst().orElseThrow();
    }
    assertEquals(Optional.of(first.getFileName().toString()),
        RunDirectory.openReadOnly(replayed).manifest().replayOf(), "the replay's manifest names its run");

    Cli.Ran compared = Cli.verity("compare", runs.toString());
    assertEquals(Verity.DONE, compared.exitCode(), compared.all());
    assertTrue(compared.err().contains("verity: note: left out 1 replay: " + replayed + " (a replay of "
        + first.getFileName() + ")"), compared.all());
    assertTrue(compared.out().lines().anyMatch(l -> l.contains("final") && l.matches(".*\\b2\\b.*")
        && !l.matches(".*\\b3\\b.*")), "n = 2 (seeds 1 and 2), not 3:\n" + compared.all());
  }

  private static Path only(Path folder) throws Exception {
    try (Stream<Path> in = Files.list(folder)) {
      return in.findFirst().orElseThrow();
    }
  }
}
