package dev.verity.kernel.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;

import dev.verity.kernel.sweep.HandRuns;
import dev.verity.kernel.sweep.Sweep;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code verity sweep --resume X} and {@code --status X} where X is not a sweep directory: the experiment file,
 * the sweep's sweep.json or one of its run directories, the folder of sweeps, another file, nothing. Each is
 * refused (exit 2) saying what X is and the command with the sweep directory that was likely meant.
 */
class SweepDirectoryArgumentTest {
  private static final String WHERE = "sweeps/<experiment>-<yyyyMMdd-HHmmss>/, the folder holding sweep.json";

  @TempDir Path dir;

  private static void refused(String message, String... args) {
    Cli.Ran ran = Cli.verity(args);
    assertEquals(Verity.BAD_INPUT, ran.exitCode(), ran.all());
    assertEquals(List.of("verity: " + message), ran.errLines(), ran.all());
    assertFalse(ran.err().contains("no such sweep directory") && !message.startsWith("no such"), ran.all());
  }

  /** A sweep in dir/sweeps of the experiment file dir/exp.verity, as `verity sweep exp.verity` in dir leaves. */
  private Path sweepOfAFile() throws IOException {
    Path sweep = HandRuns.sweep(dir.resolve("sweeps"), 1);
    Path json = sweep.resolve(Sweep.JSON);
    Files.writeString(json, Files.readString(json).replace(dir.resolve("sweeps/exp.verity").toString(),
        dir.resolve("exp.verity").toString()));
    Files.writeString(dir.resolve("exp.verity"), Files.readString(sweep.resolve(Sweep.SOURCE)));
    return sweep;
  }

  @Test
  void theExperimentFileIsNamedAsSuchWithTheDirectoryOfItsLatestSweep() throws IOException {
    Path sweep = sweepOfAFile();
    Path file = dir.resolve("exp.verity");
    refused(file + " is an experiment file, not a sweep directory: --resume takes the directory a sweep of it"
        + " wrote, `verity sweep --resume " + sweep + "`; `verity sweep " + file + "` starts a new sweep", "sweep",
        "--resume", file.toString());

    Path other = Files.writeString(dir.resolve("other.verity"), "experiment \"other\" seed 1\n");
    // looked for in sweeps/ of the working folder, shown as typed, and of the file's folder
    refused(other + " is an experiment file, not a sweep directory: --status takes the directory a sweep of it"
        + " wrote, " + WHERE + " (no sweep of it is in sweeps or "
        + dir.resolve("sweeps") + "); `verity sweep " + other + "` starts a new sweep", "sweep", "--status",
        other.toString());
  }

  @Test
  void aFileOrFolderInsideASweepNamesTheSweep() throws IOException {
    Path sweep = sweepOfAFile();
    Path json = sweep.resolve(Sweep.JSON);
    refused(json + " is a file inside the sweep directory " + sweep + ", not the sweep directory itself: `verity"
        + " sweep --resume " + sweep + "`", "sweep", "--resume", json.toString());
    Path run;
    try (Stream<Path> runs = Files.list(sweep.resolve("runs/seed1"))) {
      run = runs.findFirst().orElseThrow();
    }
    refused(run + " is a folder inside the sweep directory " + sweep + ", not the sweep directory itself: `verity"
        + " sweep --status " + sweep + "`", "sweep", "--status", run.toString());
  }

  @Test
  void theFolderOfSweepsAnotherFileAndNothingSayWhereASweepDirectoryIs() throws IOException {
    Path sweep = sweepOfAFile();
    Path sweeps = dir.resolve("sweeps");
    refused(sweeps + " is not a sweep directory: it has no sweep.json; it holds 1 sweep, the latest `verity sweep"
        + " --resume " + sweep + "`", "sweep", "--resume", sweeps.toString());
    Path notes = Files.writeString(dir.resolve("notes.txt"), "x\n");
    refused(notes + " is a file, not a sweep directory: --resume takes the directory a sweep wrote, " + WHERE,
        "sweep", "--resume", notes.toString());
    refused("no such sweep directory: " + dir.resolve("none") + "; --resume takes the directory a sweep wrote, "
        + WHERE, "sweep", "--resume", dir.resolve("none").toString());
  }
}
