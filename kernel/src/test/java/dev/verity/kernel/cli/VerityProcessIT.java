package dev.verity.kernel.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.verity.engine.run.RunComparison;
import dev.verity.engine.run.RunDirectory;
import dev.verity.engine.run.RunStatus;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * bin/verity as a user runs it: a real process on the packaged jar (run by failsafe after {@code package}). Ctrl-C
 * is a real SIGINT sent with {@code kill -INT} once the first step is logged; a killed run is a real SIGKILL.
 */
class VerityProcessIT {
  /** The repository root: failsafe runs in the kernel module's folder. */
  static final Path ROOT = Path.of("").toAbsolutePath().getParent();
  static final Path VERITY = ROOT.resolve("bin/verity");

  @TempDir Path dir;

  /** Every verity this test started: one a failed assertion leaves running is ended, not left to train on. */
  private final List<Process> started = new CopyOnWriteArrayList<>();

  @AfterEach
  void endWhatIsStillRunning() {
    started.stream().filter(Process::isAlive).forEach(Process::destroyForcibly);
  }

  /** A started bin/verity with its output (stdout and stderr together) collected line by line. */
  private record Running(Process process, List<String> lines, CountDownLatch firstStep) {
    String output() {
      return String.join("\n", lines);
    }
  }

  private Running start(String... args) throws IOException {
    // SIGINT's default back: a test JVM started in the background of a script ignores SIGINT, and so would verity
    List<String> command = new ArrayList<>(List.of("env", "--default-signal=INT", VERITY.toString()));
    command.addAll(List.of(args));
    Process process = new ProcessBuilder(command).directory(dir.toFile()).redirectErrorStream(true).start();
    started.add(process);
    List<String> lines = new CopyOnWriteArrayList<>();
    CountDownLatch firstStep = new CountDownLatch(1);
    CompletableFuture.runAsync(() -> {
      try (BufferedReader in =
          new BufferedReader(new InputStreamReader(process.getInputStream(), StandardCharsets.UTF_8))) {
        for (String line = in.readLine(); line != null; line = in.readLine()) {
          lines.add(line);
          if (line.contains(" step 1/")) {
            firstStep.countDown();
          }
        }
      } catch (IOException e) {
        lines.add("(reading the output failed: " + e + ")");
      }
    });
    return new Running(process, lines, firstStep);
  }

  /** Waits until a line containing {@code text} has been printed. */
  private static void awaitLine(Running running, String text) throws InterruptedException {
    long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(120);
    while (running.lines().stream().noneMatch(l -> l.contains(text))) {
      assertTrue(System.nanoTime() < deadline && running.process().isAlive(),
          "no line '" + text + "':\n" + running.output());
      Thread.sleep(5);
    }
  }

  private static int exit(Running running) throws InterruptedException {
    assertTrue(running.process().waitFor(120, TimeUnit.SECONDS), "still running:\n" + running.output());
    Thread.sleep(100); // the reader takes the last lines
    return running.process().exitValue();
  }

  @Test
  void checkThroughTheScriptNamesThePlaceAndExitsTwo() throws Exception {
    Files.writeString(dir.resolve("bad.verity"), "task add = addition(digits: 2..3)\nmodel p = gpt(layrs: 2)\n");
    Running check = start("check", "bad.verity");
    assertEquals(Verity.BAD_INPUT, exit(check), check.output());
    assertTrue(check.output().startsWith("bad.verity:2:15: error: unknown argument 'layrs' for gpt"), check.output());
    Running missing = start("run", "missing.verity");
    assertEquals(Verity.BAD_INPUT, exit(missing), missing.output());
    assertEquals(List.of("verity: no such file: missing.verity"), missing.lines());
  }

  @Test
  void ctrlCStopsAfterTheStepInFlightCheckpointsAndEndsInterrupted() throws Exception {
    Files.writeString(dir.resolve("long.verity"), """
        experiment "long" seed 2
        task add = addition(digits: 1..2)
        model policy = gpt(layers: 2, heads: 2, dim: 32, context: 32)
        sft warm: policy on add { steps: 100000, batch: 8 }
        save policy to "never"
        """);
    Running run = start("run", "long.verity");
    assertTrue(run.firstStep().await(120, TimeUnit.SECONDS), "no step logged:\n" + run.output());
    Process kill = new ProcessBuilder("kill", "-INT", Long.toString(run.process().pid())).inheritIO().start();
    assertEquals(0, kill.waitFor());

    assertEquals(Verity.FAILED, exit(run), run.output());
    Matcher stopped = Pattern.compile("verity: interrupted: stage warm stopped after step ([0-9]+) of 100000; the model"
        + " keeps its weights; checkpoint (\\S+)").matcher(run.output());
    assertTrue(stopped.find(), run.output());
    Path runDir;
    try (Stream<Path> runs = Files.list(dir.resolve("runs"))) {
      runDir = runs.findFirst().orElseThrow();
    }
    RunDirectory recorded = RunDirectory.openReadOnly(runDir);
    assertEquals(RunStatus.INTERRUPTED, recorded.manifest().status());
    long steps = Long.parseLong(stopped.group(1));
    assertEquals(recorded.checkpointFile("warm", steps), dir.resolve(stopped.group(2)));
    assertTrue(Files.isRegularFile(recorded.checkpointFile("warm", steps)), "the checkpoint resumes at step " + steps);
    assertEquals(steps, recorded.records().metrics().size(), "every step done is recorded, and no more");
    assertFalse(Files.exists(dir.resolve("never")), "the rest of the file did not run");
  }

  @Test
  void aRunKilledInItsSecondStageResumesToTheRecordsAndCheckpointsOfAnUninterruptedRun() throws Exception {
    Files.writeString(dir.resolve("killed.verity"), """
        experiment "killed" seed 6
        task add = addition(digits: 1..2)
        task add_test = addition(digits: 1..2, count: 8)
        model policy = gpt(layers: 1, heads: 2, dim: 16, context: 32)
        sampling greedy = sample(temperature: 0, max_tokens: 6)
        sft warm: policy on add { steps: 20, batch: 8 }
        eval mid: policy on add_test with greedy
        sft more: policy on add { steps: 120, batch: 8, eval: add_test with greedy every 40 }
        eval final: policy on add_test with greedy
        plot loss by step for more
        """);
    Running run = start("run", "killed.verity", "--checkpoint-every", "5");
    awaitLine(run, "  more step 10/120"); // about 4 ms a step: the kill lands long before the end
    run.process().destroyForcibly(); // SIGKILL: no stop checkpoint, no manifest update, maybe half a line
    assertEquals(137, exit(run), run.output());
    Path runDir;
    try (Stream<Path> runs = Files.list(dir.resolve("runs"))) {
      runDir = runs.findFirst().orElseThrow();
    }
    RunDirectory killed = RunDirectory.openReadOnly(runDir);
    assertEquals(RunStatus.RUNNING, killed.manifest().status(), "the process died without a word");
    assertTrue(killed.latestCheckpoint("more").isPresent(), "a checkpoint of the second stage");
    long recorded = killed.records().metrics().stream().filter(m -> m.stage().equals("more")).count();
    assertTrue(recorded >= 10 && recorded < 120, "killed part-way through the stage: " + recorded + " steps");

    Running resume = start("run", "--resume", runDir.toString()); // every 5, as the manifest records
    assertEquals(Verity.DONE, exit(resume), resume.output());
    assertTrue(resume.output().contains("sft warm: policy, 20 steps restored from the run directory"),
        resume.output());
    assertEquals(RunStatus.DONE, killed.manifest().status());

    Running replay = start("replay", runDir.toString(), "--out", "replays");
    assertEquals(Verity.DONE, exit(replay), replay.output());
    assertTrue(replay.output().endsWith("\nidentical"), replay.output());
    Path straight;
    try (Stream<Path> runs = Files.list(dir.resolve("replays"))) {
      straight = runs.findFirst().orElseThrow();
    }
    RunDirectory uninterrupted = RunDirectory.openReadOnly(straight);
    assertEquals(List.of(), RunComparison.compare(uninterrupted, killed));
    assertEquals(140, killed.records().metrics().size(), "every step once");
    assertEquals(checkpoints(uninterrupted), checkpoints(killed), "the same checkpoints, byte for byte");
    assertEquals(Set.of("more-step-000120.ckpt", "warm-step-000020.ckpt"), checkpoints(killed).keySet(),
        "the latest of each stage, however many the kill left");
  }

  /** Each checkpoint file's name and a hash of its bytes. */
  private static Map<String, String> checkpoints(RunDirectory run) throws Exception {
    Map<String, String> files = new TreeMap<>();
    try (Stream<Path> list = Files.list(run.checkpointsDir())) {
      for (Path p : list.toList()) {
        byte[] digest = MessageDigest.getInstance("SHA-256").digest(Files.readAllBytes(p));
        files.put(p.getFileName().toString(), HexFormat.of().formatHex(digest));
      }
    }
    return files;
  }
}
