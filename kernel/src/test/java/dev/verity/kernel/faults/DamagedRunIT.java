package dev.verity.kernel.faults;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.io.RandomAccessFile;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A run directory damaged after the run, given to {@code bin/verity run --resume} and {@code verity replay}: a
 * truncated metrics.csv or checkpoint and an edited manifest are refused in one line naming the file, never a
 * stack trace. A deleted checkpoint is not refused by a resume: the stage trains again from its start and the
 * directory ends as the uninterrupted run left it. (A replay reads no checkpoint: it reruns from the source.)
 */
class DamagedRunIT {
  @TempDir static Path shared;
  static Path done;
  @TempDir Path dir;

  @BeforeAll
  static void runToTheEnd() throws Exception {
    Files.writeString(shared.resolve("kills.verity"), KillAnywhereIT.experiment(24));
    VerityProcess.Ended ran = VerityProcess.run(shared, Map.of(), 600, "run", "kills.verity", "--out", "runs",
        "--checkpoint-every", "4");
    assertEquals(0, ran.exitCode(), ran.output());
    done = KillAnywhereIT.only(shared.resolve("runs"));
  }

  @Test
  void aTruncatedMetricsFileIsRefusedByResumeAndReportedByReplayNamingIt() throws Exception {
    Path run = killedCopy("cut-metrics");
    cut(run.resolve("metrics.csv"), 0.4); // inside the first stage's rows, mid-line
    VerityProcess.Ended resumed = verity("run", "--resume", run.toString());
    refused(resumed, 1, run.resolve("metrics.csv") + " holds ");
    assertTrue(resumed.output().contains("steps of stage warm but its checkpoint " + run.resolve("checkpoints")
        + "/warm-step-000024.ckpt resumes at step 24: the file was cut after the run"), resumed.output());

    Path replayed = killedCopy("cut-metrics-replayed");
    cut(replayed.resolve("metrics.csv"), 0.4);
    VerityProcess.Ended replay = verity("replay", replayed.toString(), "--out", "replays");
    refused(replay, 1, "metrics.csv: the replay has ");
  }

  @Test
  void aReplayOfARunMissingARecordOrWithAForeignHeaderIsRefusedBeforeItRuns() throws Exception {
    Path missing = killedCopy("missing-eval");
    Files.delete(missing.resolve("eval.csv"));
    VerityProcess.Ended replay = verity("replay", missing.toString(), "--out", "replays");
    refused(replay, 2, "verity: cannot replay " + missing + ": " + missing.resolve("eval.csv") + " is missing: the"
        + " run's records are incomplete, so a replay would have nothing to compare with; nothing was run");
    Path foreign = killedCopy("foreign-header");
    Path metrics = foreign.resolve("metrics.csv");
    List<String> lines = new java.util.ArrayList<>(Files.readAllLines(metrics));
    lines.set(0, "garbage,,");
    Files.write(metrics, lines);
    replay = verity("replay", foreign.toString(), "--out", "replays");
    refused(replay, 2, "verity: cannot replay " + foreign + ": " + metrics + ":1: the header is 'garbage,,'");
    assertFalse(Files.exists(dir.resolve("replays")), "no replay was started");
  }

  @Test
  void aTruncatedCheckpointIsRefusedByResumeNamingIt() throws Exception {
    Path run = killedCopy("cut-checkpoint");
    Path checkpoint = run.resolve("checkpoints/tune-step-000024.ckpt");
    cut(checkpoint, 0.5);
    refused(verity("run", "--resume", run.toString()), 1, "cannot read the checkpoint " + checkpoint
        + " to resume from: it ends early (the file was cut after the run, a partial copy?)");
  }

  @Test
  void aDeletedCheckpointMakesTheResumeTrainTheStageAgainToTheSameRecords() throws Exception {
    Path run = killedCopy("lost-checkpoint");
    Files.delete(run.resolve("checkpoints/tune-step-000024.ckpt"));
    VerityProcess.Ended resumed = verity("run", "--resume", run.toString());
    assertEquals(0, resumed.exitCode(), resumed.output());
    assertEquals(List.of(), RunFiles.differences(done, run));
  }

  @Test
  void anEditedManifestIsRefusedByResumeAndReplayNamingIt() throws Exception {
    String[][] edits = {
      {"truncated", null, "manifest.json:%d: not a Verity manifest: the JSON ends early"},
      {"\"status\" : \"running\"", "\"status\" : \"finished\"", "manifest.json: unknown run status 'finished'"},
      {"\"seed\" : 5", "\"seed\" : \"five\"", "manifest.json:4: not a Verity manifest: 'seed' is \"five\", not a whole number"},
      {"\n  \"threads\" : 2,", "", "manifest.json: 'threads' is missing"},
    };
    for (String[] edit : edits) {
      for (String command : List.of("resume", "replay")) {
        Path run = killedCopy("manifest-" + command + "-" + edit[0].replaceAll("\\W", ""));
        Path manifest = run.resolve("manifest.json");
        String json = Files.readString(manifest);
        String edited = edit[1] == null ? json.substring(0, 300) : json.replace(edit[0], edit[1]);
        Files.writeString(manifest, edited);
        VerityProcess.Ended ended = command.equals("resume") ? verity("run", "--resume", run.toString())
            : verity("replay", run.toString(), "--out", "replays");
        long lastLine = edited.lines().count(); // a cut file ends inside its last line
        refused(ended, 2, "verity: cannot read the recorded run " + run + ": "
            + run.resolve(edit[2].formatted(lastLine)));
      }
    }
  }

  /** Exit {@code status}, the message, and no Java stack trace anywhere in the output. */
  private static void refused(VerityProcess.Ended ended, int status, String message) {
    assertEquals(status, ended.exitCode(), ended.output());
    assertTrue(ended.output().contains(message), "no '" + message + "' in:\n" + ended.output());
    assertFalse(ended.output().contains("\tat ") || ended.output().contains("Exception"), ended.output());
  }

  private VerityProcess.Ended verity(String... args) throws Exception {
    return VerityProcess.run(dir, Map.of(), 600, args);
  }

  /** A copy of the finished run as a process killed after its last record left it: status running. */
  private Path killedCopy(String name) throws IOException {
    Path copy = dir.resolve(name);
    try (Stream<Path> files = Files.walk(done)) {
      for (Path p : files.toList()) {
        Files.copy(p, copy.resolve(done.relativize(p).toString()));
      }
    }
    Path manifest = copy.resolve("manifest.json");
    Files.writeString(manifest, Files.readString(manifest).replace("\"status\" : \"done\"", "\"status\" : \"running\"")
        .replaceAll("\"ended_at\" : \"[^\"]*\"", "\"ended_at\" : null"));
    return copy;
  }

  /** Cuts {@code file} to {@code fraction} of its bytes. */
  private static void cut(Path file, double fraction) throws IOException {
    try (RandomAccessFile f = new RandomAccessFile(file.toFile(), "rw")) {
      f.setLength((long) (f.length() * fraction));
    }
  }
}
