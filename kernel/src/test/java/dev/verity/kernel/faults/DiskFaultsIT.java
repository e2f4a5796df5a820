package dev.verity.kernel.faults;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.regex.Pattern;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Disks that fail under {@code bin/verity run}: a file-size limit ({@code ulimit -f}, on any machine), and — where
 * this process may mount file systems (root in a VM or CI runner) — a small tmpfs that fills up, and one remounted
 * read-only mid-run. Each time the run stops with one message naming the file and the cause, its manifest says
 * failed where the disk still takes that write, every whole row recorded before the fault is kept, and once the
 * disk is back {@code run --resume} ends with what an uninterrupted run leaves.
 */
class DiskFaultsIT {
  static final String EVERY = "4";
  @TempDir static Path shared;
  static Path reference;
  @TempDir Path dir;
  private Path mounted;

  @BeforeAll
  static void runUninterrupted() throws Exception {
    Files.writeString(shared.resolve("kills.verity"), KillAnywhereIT.experiment(24));
    VerityProcess.Ended ran = VerityProcess.run(shared, Map.of(), 600, "run", "kills.verity", "--out", "reference",
        "--checkpoint-every", EVERY);
    assertEquals(0, ran.exitCode(), ran.output());
    reference = KillAnywhereIT.only(shared.resolve("reference"));
  }

  @AfterEach
  void unmount() throws Exception {
    if (mounted != null) {
      sh("umount " + mounted);
    }
  }

  @Test
  void aFileSizeLimitHitByACheckpointFailsTheRunNamingItAndTheRunResumes() throws Exception {
    // 40 KiB: the records fit, the first checkpoint (48 KiB) does not
    VerityProcess.Ended failed = limited(40, "--checkpoint-every", EVERY);
    Path run = KillAnywhereIT.only(dir.resolve("runs"));
    assertStoppedNaming(failed, Pattern.quote("could not write a checkpoint: " + dir.relativize(run)
        + "/checkpoints/warm-step-000004.ckpt: File too large"));
    assertManifest(run, "failed");
    assertResumesToTheReference(run);
  }

  @Test
  void aFileSizeLimitHitByMetricsFailsTheRunNamingItAndTheRunResumes() throws Exception {
    // 2 KiB: metrics.csv outgrows it in the first stage; no checkpoint before the stage's end
    VerityProcess.Ended failed = limited(2, "--checkpoint-every", "0");
    Path run = KillAnywhereIT.only(dir.resolve("runs"));
    assertStoppedNaming(failed, "cannot record step \\d+: " + Pattern.quote(dir.relativize(run) + "/metrics.csv")
        + ": File too large");
    assertManifest(run, "failed");
    assertResumesToTheReference(run);
  }

  @Test
  void aDiskThatFillsUpStopsTheRunNamingTheFileAndTheRunResumesOnceSpaceIsBack() throws Exception {
    Path disk = mount("size=2m");
    Path runs = disk.resolve("runs");
    Process process = start(runs);
    Path run = awaitRows(runs, 10, process);
    sh("dd if=/dev/zero of=" + disk.resolve("filler") + " bs=4k 2>/dev/null || true"); // every block taken
    VerityProcess.Ended failed = end(process);
    assertStoppedNaming(failed, Pattern.quote(run.toString()) + "/\\S+: No space left on device");
    Files.delete(disk.resolve("filler")); // space is back
    assertResumesToTheReference(run);
  }

  @Test
  void aDiskRemountedReadOnlyStopsTheRunNamingTheFileAndTheRunResumesOnceWritable() throws Exception {
    Path disk = mount("size=4m");
    Path runs = disk.resolve("runs");
    Process process = start(runs);
    Path run = awaitRows(runs, 10, process);
    for (int tries = 0; sh("mount -o remount,ro " + disk) != 0; tries++) { // busy while a file is open to write
      assertTrue(tries < 2000 && process.isAlive(), "could not remount read-only");
      Thread.sleep(1);
    }
    VerityProcess.Ended failed = end(process);
    assertStoppedNaming(failed, Pattern.quote(run.toString()) + "/\\S+: Read-only file system");
    assertTrue(failed.output().contains("could not mark the run failed: " + run.resolve("manifest.json")
        + ": Read-only file system; its manifest still says running"), failed.output());
    assertEquals(0, sh("mount -o remount,rw " + disk));
    assertResumesToTheReference(run);
  }

  /** bin/verity run under {@code ulimit -f KIB}. */
  private VerityProcess.Ended limited(int kib, String... options) throws Exception {
    String command = "ulimit -f " + kib + "; exec " + VerityProcess.VERITY + " run " + shared.resolve("kills.verity")
        + " --out runs " + String.join(" ", options);
    return VerityProcess.exec(dir, Map.of(), 600, List.of("bash", "-c", command));
  }

  /** The failure's message names the file and the cause, the run ends with exit 1, no Java stack trace. */
  private static void assertStoppedNaming(VerityProcess.Ended failed, String fileAndCause) {
    assertEquals(1, failed.exitCode(), failed.output());
    assertTrue(Pattern.compile(fileAndCause).matcher(failed.output()).find(),
        "no '" + fileAndCause + "' in:\n" + failed.output());
    assertFalse(failed.output().contains("\tat ") || failed.output().contains("Exception"), failed.output());
  }

  private static void assertManifest(Path run, String status) throws IOException {
    assertTrue(Files.readString(run.resolve("manifest.json")).contains("\"status\" : \"" + status + "\""));
  }

  /**
   * What the fault left is a prefix of the uninterrupted run's records (a cut last line aside); resumed, the run
   * holds exactly its records and checkpoints.
   */
  private static void assertResumesToTheReference(Path run) throws Exception {
    for (String file : RunFiles.RECORDS) {
      List<String> kept = RunFiles.lines(run.resolve(file));
      List<String> whole = RunFiles.lines(reference.resolve(file));
      assertTrue(kept.size() <= whole.size() && whole.subList(0, kept.size()).equals(kept),
          file + " lost or changed a row it had recorded");
    }
    VerityProcess.Ended resumed = VerityProcess.run(run.getParent(), Map.of(), 600, "run", "--resume",
        run.toString());
    assertEquals(0, resumed.exitCode(), resumed.output());
    assertEquals(List.of(), RunFiles.differences(reference, run));
  }

  private Process start(Path runs) throws IOException {
    return new ProcessBuilder(VerityProcess.VERITY.toString(), "run", shared.resolve("kills.verity").toString(),
        "--out", runs.toString(), "--checkpoint-every", EVERY)
        .directory(dir.toFile()).redirectErrorStream(true).redirectOutput(dir.resolve("run.log").toFile()).start();
  }

  private VerityProcess.Ended end(Process process) throws Exception {
    assertTrue(process.waitFor(600, TimeUnit.SECONDS));
    return new VerityProcess.Ended(process.exitValue(), Files.readString(dir.resolve("run.log")));
  }

  /** The run directory once its metrics.csv holds {@code rows} rows. */
  private Path awaitRows(Path runs, int rows, Process process) throws Exception {
    while (true) {
      assertTrue(process.isAlive(), () -> "ended early: " + read(dir.resolve("run.log")));
      if (Files.isDirectory(runs)) {
        try (var list = Files.list(runs)) {
          Path run = list.findFirst().orElse(null);
          if (run != null && Files.exists(run.resolve("metrics.csv"))
              && Files.readAllLines(run.resolve("metrics.csv")).size() > rows) {
            return run;
          }
        }
      }
      Thread.sleep(2);
    }
  }

  /** A fresh tmpfs of {@code options}; the test is skipped where this process may not mount one. */
  private Path mount(String options) throws Exception {
    Path point = Files.createDirectories(dir.resolve("disk"));
    assumeTrue(sh("mount -t tmpfs -o " + options + " tmpfs " + point) == 0,
        "cannot mount a tmpfs here (needs root, or a VM); the ulimit cases still ran");
    mounted = point;
    return point;
  }

  private static int sh(String command) throws Exception {
    Process p = new ProcessBuilder("bash", "-c", command).redirectErrorStream(true)
        .redirectOutput(ProcessBuilder.Redirect.DISCARD).start();
    return p.waitFor();
  }

  private static String read(Path file) {
    try {
      return Files.readString(file);
    } catch (IOException e) {
      return e.toString();
    }
  }
}
