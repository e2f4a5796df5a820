package dev.verity.kernel.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.verity.engine.run.RunDirectory;
import dev.verity.engine.run.RunStatus;
import dev.verity.kernel.sweep.HandRuns;
import dev.verity.kernel.sweep.RunState;
import dev.verity.kernel.sweep.Sweep;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Comparator;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A sweep whose run directory was deleted, moved out, or never finished after sweep.json marked the run done:
 * {@code sweep --status} reports it as not done, naming its folder and how to run it again, and {@code sweep
 * --resume} runs it again, rather than both taking sweep.json's word that it is done.
 */
class SweepMissingRunTest {
  @TempDir Path dir;

  private static Path runDir(Path sweep, String id) throws IOException {
    try (Stream<Path> runs = Files.list(sweep.resolve(Sweep.RUNS).resolve(id))) {
      return runs.findFirst().orElseThrow();
    }
  }

  private static void delete(Path tree) throws IOException {
    try (Stream<Path> files = Files.walk(tree)) {
      for (Path f : files.sorted(Comparator.reverseOrder()).toList()) {
        Files.delete(f);
      }
    }
  }

  private static RunState status(Path sweep, String id) throws IOException {
    return Sweep.open(sweep).record().runs().stream().filter(r -> r.id().equals(id)).findFirst().orElseThrow()
        .status();
  }

  @Test
  void statusReportsADeletedRunDirectoryAsMissingAndNotDone() throws IOException {
    Path sweep = HandRuns.sweep(dir.resolve("sweeps"), 2);
    delete(runDir(sweep, "seed1"));
    Cli.Ran ran = Cli.verity("sweep", "--status", sweep.toString());
    assertEquals(Verity.DONE, ran.exitCode(), "no run failed: " + ran.all());
    assertTrue(ran.err().contains("verity: run seed1 is marked done in sweep.json but its run directory is missing"
        + " from " + sweep.resolve("runs/seed1") + " (deleted, or moved out of the sweep), so it counts as not done:"
        + " `verity sweep --resume " + sweep + "` runs it again"), ran.all());
    assertTrue(ran.out().contains(sweep.getFileName() + ": 1 pending, 1 done"), ran.all());
    assertFalse(ran.out().contains("2 done"), ran.all());
    assertEquals(RunState.PENDING, status(sweep, "seed1"));
    assertEquals(RunState.DONE, status(sweep, "seed2"));
  }

  @Test
  void statusReportsARunDirectoryThatDidNotFinishAsNotDone() throws IOException {
    Path sweep = HandRuns.sweep(dir.resolve("sweeps"), 2);
    Path seed2 = runDir(sweep, "seed2");
    Path manifest = seed2.resolve(RunDirectory.MANIFEST);
    Files.writeString(manifest, Files.readString(manifest).replace("\"status\" : \"done\"",
        "\"status\" : \"interrupted\""));
    assertEquals(RunStatus.INTERRUPTED, RunDirectory.openReadOnly(seed2).manifest().status());
    Cli.Ran ran = Cli.verity("sweep", "--status", sweep.toString());
    assertTrue(ran.err().contains("verity: run seed2 is marked done in sweep.json but its run directory " + seed2
        + " did not finish (its manifest says interrupted), so it counts as not done"), ran.all());
    assertEquals(RunState.PENDING, status(sweep, "seed2"));
  }

  @Test
  void resumeRunsADeletedRunAgain() throws IOException {
    Path sweep = HandRuns.sweep(dir.resolve("sweeps"), 2);
    // the experiment file the sweep was started from, unchanged: a run without a directory runs it again
    Files.writeString(dir.resolve("sweeps").resolve("exp.verity"), Files.readString(sweep.resolve(Sweep.SOURCE)));
    Path seed2 = runDir(sweep, "seed2");
    delete(sweep.resolve("runs/seed1"));
    Cli.Ran ran = Cli.verity("sweep", "--resume", sweep.toString(), "--jobs", "1");
    assertEquals(Verity.DONE, ran.exitCode(), ran.all());
    assertTrue(ran.err().contains("run seed1 is marked done in sweep.json but its run directory is missing"),
        ran.all());
    Path seed1 = runDir(sweep, "seed1");
    assertEquals(RunStatus.DONE, RunDirectory.openReadOnly(seed1).manifest().status(), "seed1 ran again");
    assertEquals(1L, RunDirectory.openReadOnly(seed1).manifest().seed());
    assertEquals(RunState.DONE, status(sweep, "seed1"));
    assertEquals(seed2, runDir(sweep, "seed2"), "seed2, done, was left alone");
  }
}
