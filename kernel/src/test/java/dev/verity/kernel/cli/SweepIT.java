package dev.verity.kernel.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.verity.engine.run.RunComparison;
import dev.verity.engine.run.RunDirectory;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code verity sweep} as a user runs it, through bin/verity on the packaged jar: a real one-node Slurm cluster
 * started by scripts/slurm-local.sh (munged, slurmctld and slurmd, stopped by their pids), the same tiny grid run
 * there and by the local executor with bit-identical records, a failed task reported with its log's tail, and a
 * local sweep stopped with a real SIGINT and resumed.
 */
class SweepIT {
  static final Path ROOT = VerityProcessIT.ROOT;
  private static final ObjectMapper JSON = new ObjectMapper();

  /** Two stages, a periodic evaluation and rollouts: every record file a comparison reads has rows. */
  static final String TINY = """
      experiment "tiny" seed 1
      task add = addition(digits: 1..2)
      task add_test = addition(digits: 1..2, count: 8)
      model policy = gpt(layers: 1, heads: 2, dim: 16, context: 24)
      reward correct = exact_answer()
      sampling explore = sample(max_tokens: 6, per_prompt: 2)
      sampling greedy = sample(temperature: 0, max_tokens: 6)
      sft policy on add { steps: 4, batch: 8 }
      rl tune: policy on add { reward: correct, sampling: explore, prompts: 2, steps: 2, eval: add_test with greedy every 1 }
      """;

  @TempDir Path dir;

  /** What a finished command printed (stdout and stderr together) and its exit status. */
  private record Ran(int exitCode, String output) {}

  private Ran verity(Map<String, String> env, String... args) throws IOException, InterruptedException {
    List<String> command = new ArrayList<>(List.of(VerityProcessIT.VERITY.toString()));
    command.addAll(List.of(args));
    ProcessBuilder builder = new ProcessBuilder(command).directory(dir.toFile()).redirectErrorStream(true);
    builder.environment().putAll(env);
    Process p = builder.start();
    String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
    assertTrue(p.waitFor(300, TimeUnit.SECONDS), "still running:\n" + out);
    return new Ran(p.exitValue(), out);
  }

  private static Path onlyChild(Path folder) throws IOException {
    try (Stream<Path> children = Files.list(folder)) {
      List<Path> all = children.toList();
      assertEquals(1, all.size(), "one entry in " + folder + ": " + all);
      return all.get(0);
    }
  }

  /** A one-node cluster for the test's lifetime; needs root, as slurmd and munged do. */
  private final class Cluster implements AutoCloseable {
    final Path folder = dir.resolve("slurm");
    final Map<String, String> env = new HashMap<>();
    final List<Long> pids = new ArrayList<>();

    Cluster() throws Exception {
      Process p = new ProcessBuilder(ROOT.resolve("scripts/slurm-local.sh").toString(), "start", folder.toString())
          .redirectErrorStream(true).start();
      String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
      assertTrue(p.waitFor(120, TimeUnit.SECONDS) && p.exitValue() == 0, "slurm-local.sh start failed:\n" + out);
      env.put("SLURM_CONF", folder.resolve("slurm.conf").toString());
      Path munge = Files.exists(folder.resolve("munge.path"))
          ? Path.of(Files.readString(folder.resolve("munge.path")).strip()) : folder.resolve("munge");
      for (Path pidFile : List.of(folder.resolve("slurmd.pid"), folder.resolve("slurmctld.pid"),
          munge.resolve("munged.pid"))) {
        pids.add(Long.parseLong(Files.readString(pidFile).strip()));
      }
    }

    @Override
    public void close() throws Exception {
      Process p = new ProcessBuilder(ROOT.resolve("scripts/slurm-local.sh").toString(), "stop", folder.toString())
          .inheritIO().start();
      assertTrue(p.waitFor(60, TimeUnit.SECONDS) && p.exitValue() == 0, "slurm-local.sh stop failed");
      for (long pid : pids) {
        assertTrue(ProcessHandle.of(pid).map(h -> !h.isAlive()).orElse(true), "daemon " + pid + " is stopped");
      }
    }
  }

  private static boolean root() throws Exception {
    Process id = new ProcessBuilder("id", "-u").start();
    return new String(id.getInputStream().readAllBytes(), StandardCharsets.UTF_8).strip().equals("0")
        && id.waitFor() == 0;
  }

  @Test
  void aGridRunThroughSlurmRecordsTheSameBitsAsOnThisMachine() throws Exception {
    assumeTrue(root(), "starting slurmd and munged needs root (CI runs as root)");
    Files.writeString(dir.resolve("tiny.verity"), TINY);
    String[] grid = {"sweep", "tiny.verity", "--seeds", "2", "--set", "sft.steps=3,4", "--threads", "1"};
    try (Cluster cluster = new Cluster()) {
      Ran slurm = verity(cluster.env, concat(grid, "--on", "slurm", "--out", "on-slurm"));
      assertEquals(Verity.DONE, slurm.exitCode(), slurm.output());
      assertTrue(slurm.output().contains("submitted Slurm job array"), slurm.output());
      Ran local = verity(Map.of(), concat(grid, "--jobs", "2", "--out", "on-local"));
      assertEquals(Verity.DONE, local.exitCode(), local.output());

      Path onSlurm = onlyChild(dir.resolve("on-slurm"));
      Path onLocal = onlyChild(dir.resolve("on-local"));
      JsonNode record = JSON.readTree(onSlurm.resolve("sweep.json").toFile());
      assertEquals("slurm", record.path("executor").path("kind").asText());
      assertEquals(4, record.path("runs").size());
      for (JsonNode run : record.path("runs")) {
        String id = run.path("id").asText();
        assertEquals("done", run.path("status").asText(), id);
        RunDirectory a = RunDirectory.openReadOnly(onlyChild(onSlurm.resolve("runs").resolve(id)));
        RunDirectory b = RunDirectory.openReadOnly(onlyChild(onLocal.resolve("runs").resolve(id)));
        assertTrue(a.records().rollouts().size() > 0 && a.records().eval().size() > 0, "every record file has rows");
        assertEquals(List.of(), RunComparison.compare(a, b), id + ": Slurm's run against the local one");
        assertTrue(a.manifest().overrides().contains("seed=" + run.path("seed").asLong()), id);
      }
      // the summaries leave the clock columns out, so they match byte for byte too
      for (String summary : List.of("summary.csv", "eval_summary.csv")) {
        assertEquals(Files.readString(onLocal.resolve(summary)), Files.readString(onSlurm.resolve(summary)), summary);
      }
      assertTrue(Files.readString(onSlurm.resolve("eval_summary.csv"))
          .contains("sft.steps=4,tune,2,add_test,accuracy,2,"), "n = 2 seeds at the evaluation after step 2");

      Ran status = verity(cluster.env, "sweep", "--status", onSlurm.toString());
      assertEquals(Verity.DONE, status.exitCode(), status.output());
      assertTrue(status.output().contains("4 done"), status.output());
    }
  }

  @Test
  void aFailedSlurmTaskIsReportedWithTheTailOfItsLog() throws Exception {
    assumeTrue(root(), "starting slurmd and munged needs root (CI runs as root)");
    Files.writeString(dir.resolve("strict.verity"), """
        experiment "strict" seed 1
        reward close = numeric_answer(tolerance: 0)
        check close(prompt: "1+1=", response: "3", answer: "2") == 0
        """);
    try (Cluster cluster = new Cluster()) {
      Ran submitted = verity(cluster.env, "sweep", "strict.verity", "--set", "close.tolerance=0,5", "--on", "slurm",
          "--no-wait", "--out", "sweeps");
      assertEquals(Verity.DONE, submitted.exitCode(), submitted.output());
      assertTrue(submitted.output().contains("not waiting: `verity sweep --status"), submitted.output());
      Path sweep = onlyChild(dir.resolve("sweeps"));
      Ran status = verity(cluster.env, "sweep", "--status", sweep.toString());
      for (int i = 0; i < 120 && (status.output().contains("queued") || status.output().contains("running")); i++) {
        Thread.sleep(1000);
        status = verity(cluster.env, "sweep", "--status", sweep.toString());
      }
      assertEquals(Verity.FAILED, status.exitCode(), status.output());
      assertTrue(status.output().contains("1 done, 1 failed"), status.output());
      assertTrue(status.output().contains("close.tolerance=5: failed (exit status 1; see logs/close.tolerance=5.log)"),
          status.output());
      assertTrue(status.output().contains("  | ") && status.output().contains("check close(prompt: \"1+1=\""),
          "the log's tail shows the failed check:\n" + status.output());
    }
  }

  @Test
  void ctrlCStopsEveryLocalRunResumablyAndResumeFinishesTheSweep() throws Exception {
    Files.writeString(dir.resolve("long.verity"), """
        experiment "long" seed 1
        task add = addition(digits: 1..2)
        task add_test = addition(digits: 1..2, count: 8)
        model policy = gpt(layers: 1, heads: 2, dim: 16, context: 24)
        sft policy on add { steps: 1500, batch: 8 }
        eval policy on add_test with sample(temperature: 0, max_tokens: 6)
        """);
    // SIGINT's default back, as a terminal's Ctrl-C would find it (a backgrounded test JVM ignores SIGINT)
    Process sweep = new ProcessBuilder("env", "--default-signal=INT", VerityProcessIT.VERITY.toString(), "sweep",
        "long.verity", "--seeds", "3", "--jobs", "2", "--threads", "1", "--out", "sweeps").directory(dir.toFile())
        .redirectErrorStream(true)
        .redirectOutput(dir.resolve("sweep.log").toFile()).start();
    try {
      // once both first runs have recorded steps, Ctrl-C: they stop after their step in flight, the third never starts
      long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(120);
      while (runsPastStep(dir.resolve("sweeps"), 5) < 2) {
        assertTrue(sweep.isAlive() && System.nanoTime() < deadline, Files.readString(dir.resolve("sweep.log")));
        Thread.sleep(50);
      }
      assertEquals(0, new ProcessBuilder("kill", "-INT", Long.toString(sweep.pid())).start().waitFor());
      assertTrue(sweep.waitFor(120, TimeUnit.SECONDS));
      String stopped = Files.readString(dir.resolve("sweep.log"));
      assertEquals(Verity.FAILED, sweep.exitValue(), stopped);
      assertTrue(stopped.contains("seed1: interrupted") && stopped.contains("seed2: interrupted"), stopped);
      Path sweepDir = onlyChild(dir.resolve("sweeps"));
      JsonNode record = JSON.readTree(sweepDir.resolve("sweep.json").toFile());
      assertEquals("pending", record.path("runs").get(2).path("status").asText(), "the third never started");

      Ran resumed = verity(Map.of(), "sweep", "--resume", sweepDir.toString());
      assertEquals(Verity.DONE, resumed.exitCode(), resumed.output());
      for (String id : List.of("seed1", "seed2", "seed3")) {
        RunDirectory run = RunDirectory.openReadOnly(onlyChild(sweepDir.resolve("runs").resolve(id)));
        assertEquals(1500, run.records().metrics().size(), id + ": every step once");
      }
      assertTrue(Files.readString(sweepDir.resolve("eval_summary.csv"))
          .contains("default,eval#1,0,add_test,accuracy,3,"), "three seeds summarised");
    } finally {
      sweep.descendants().forEach(ProcessHandle::destroyForcibly); // a failed assertion leaves no runs behind
      sweep.destroyForcibly();
    }
  }

  /** How many run directories under {@code sweeps} have recorded more than {@code steps} steps so far. */
  private static long runsPastStep(Path sweeps, int steps) throws IOException {
    if (!Files.isDirectory(sweeps)) {
      return 0;
    }
    try (Stream<Path> files = Files.walk(sweeps)) {
      long runs = 0;
      for (Path f : files.filter(p -> p.getFileName().toString().equals("metrics.csv")).toList()) {
        runs += Files.readAllLines(f).size() - 1 > steps ? 1 : 0;
      }
      return runs;
    }
  }

  private static String[] concat(String[] a, String... b) {
    String[] all = new String[a.length + b.length];
    System.arraycopy(a, 0, all, 0, a.length);
    System.arraycopy(b, 0, all, a.length, b.length);
    return all;
  }
}
