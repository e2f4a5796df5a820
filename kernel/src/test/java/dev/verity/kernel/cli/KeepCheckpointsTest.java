package dev.verity.kernel.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;

import dev.verity.engine.run.KeepCheckpoints;
import dev.verity.engine.run.RunDirectory;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Optional;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code --keep-checkpoints}: by default a run ends with the one checkpoint of each stage a resume reads; {@code
 * all} or a count keeps more; the manifest records it and a replay keeps what the recorded run kept.
 */
class KeepCheckpointsTest {
  @TempDir Path dir;

  @Test
  void byDefaultEachStageEndsWithItsLatestCheckpointOnly() throws IOException {
    Path run = run("default");
    assertEquals(List.of("tune-step-000005.ckpt", "warm-step-000006.ckpt"), checkpoints(run));
    assertEquals(Optional.of(KeepCheckpoints.LATEST), RunDirectory.openReadOnly(run).manifest().keepCheckpoints());
  }

  @Test
  void allKeepsEveryCheckpointAndAReplayKeepsThemAllToo() throws IOException {
    Path run = run("all", "--keep-checkpoints", "all");
    List<String> every = List.of("tune-step-000002.ckpt", "tune-step-000004.ckpt", "tune-step-000005.ckpt",
        "warm-step-000002.ckpt", "warm-step-000004.ckpt", "warm-step-000006.ckpt");
    assertEquals(every, checkpoints(run));
    assertEquals(Optional.of(KeepCheckpoints.ALL), RunDirectory.openReadOnly(run).manifest().keepCheckpoints());

    Cli.Ran replay = Cli.verity("replay", run.toString(), "--out", dir.resolve("replays").toString());
    assertEquals(Verity.DONE, replay.exitCode(), replay.all());
    assertEquals(every, checkpoints(only(dir.resolve("replays"))), "the recorded run's setting");
  }

  @Test
  void aCountKeepsThatManyOfEachStage() throws IOException {
    Path run = run("two", "--keep-checkpoints", "2");
    assertEquals(List.of("tune-step-000004.ckpt", "tune-step-000005.ckpt", "warm-step-000004.ckpt",
        "warm-step-000006.ckpt"), checkpoints(run));
  }

  @Test
  void whatIsNeitherAllNorACountIsRefusedInOneLine() throws IOException {
    Path file = Files.writeString(dir.resolve("two.verity"), ResumeCommandTest.TWO_STAGES);
    for (String bad : List.of("0", "none", "-1")) {
      Cli.Ran refused = Cli.verity("run", file.toString(), "--out", dir.resolve("runs").toString(),
          "--keep-checkpoints", bad);
      assertEquals(Verity.BAD_INPUT, refused.exitCode(), refused.all());
      assertEquals(List.of("verity: --keep-checkpoints " + bad + ": give all, or how many of each stage's latest"
          + " checkpoints to keep (1 or more)"), refused.errLines());
    }
  }

  /** Runs ResumeCommandTest's two stages (6 and 5 steps), checkpointing every 2, into runs/NAME. */
  private Path run(String name, String... options) throws IOException {
    Path file = Files.writeString(dir.resolve("two.verity"), ResumeCommandTest.TWO_STAGES);
    List<String> args = new java.util.ArrayList<>(List.of("run", file.toString(), "--out",
        dir.resolve(name).toString(), "--checkpoint-every", "2"));
    args.addAll(List.of(options));
    Cli.Ran ran = Cli.verity(args.toArray(String[]::new));
    assertEquals(Verity.DONE, ran.exitCode(), ran.all());
    return only(dir.resolve(name));
  }

  private static Path only(Path runs) throws IOException {
    try (Stream<Path> list = Files.list(runs)) {
      return list.findFirst().orElseThrow();
    }
  }

  private static List<String> checkpoints(Path run) throws IOException {
    try (Stream<Path> list = Files.list(run.resolve(RunDirectory.CHECKPOINTS))) {
      return list.map(p -> p.getFileName().toString()).sorted().toList();
    }
  }
}
