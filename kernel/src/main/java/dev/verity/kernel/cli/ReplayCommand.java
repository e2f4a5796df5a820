package dev.verity.kernel.cli;

import dev.verity.engine.run.Manifest;
import dev.verity.engine.run.RunDirectory;
import dev.verity.engine.run.RunStatus;
import dev.verity.engine.runtime.TorchRuntime;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;
import java.util.List;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

/**
 * {@code verity replay DIR [--out DIR2]}: reruns a recorded run — its exact source (whose experiment statement
 * fixes the seed; the manifest's seed where it has none), its {@code --set} overrides, its base folder and its
 * thread count — into a new run directory, then compares the two record by record. Exit 0 only when identical.
 */
@Command(
    name = "replay",
    description = {
      "Reruns a recorded run and compares every metric, evaluation and rollout with the recording.",
      "Prints 'identical' or the first divergence in each file. Exit status: 0 identical, 1 different or the"
          + " replay did not finish, 2 not a run directory or not replayable here."
    })
final class ReplayCommand implements Callable<Integer> {
  @Spec CommandSpec spec;

  @Parameters(paramLabel = "DIR", description = "the run directory to replay")
  Path dir;

  @Option(names = "--out", paramLabel = "DIR2", description = "the folder the replay's run directory goes in"
      + " (default: runs)")
  Path out = Path.of("runs");

  @Override
  public Integer call() {
    Terminal terminal = Terminal.of(spec);
    RunDirectory recorded = open(dir);
    Manifest manifest = read("the recorded run " + dir, recorded::manifest);
    String source = read("the recorded run " + dir, recorded::source);
    requireReplayable(manifest, source);
    pinThreads(manifest.threads());
    Path baseDir = manifest.baseDir().orElseGet(() -> {
      terminal.err().println("verity: the manifest has no base_dir; relative paths resolve against "
          + Path.of("").toAbsolutePath());
      return Path.of("").toAbsolutePath();
    });
    if (manifest.status() != RunStatus.DONE) {
      terminal.err().println("verity: note: the recorded run is " + manifest.status().label()
          + "; the replay runs to the end, so it will have more rows");
    }
    HeadlessRun.Result replay = new HeadlessRun(terminal, StopSwitch.PROCESS).run(new HeadlessRun.Request(
        source, recorded.sourceFile().toString(), baseDir, manifest.overrides(), out, manifest.seed(), true));
    if (replay.exitCode() != Verity.DONE) {
      terminal.err().println("verity: the replay did not finish, so nothing was compared");
      return replay.exitCode();
    }
    RunDirectory replayed = replay.run().orElseThrow();
    List<String> differences = read("the runs to compare", () -> RunComparison.compare(recorded, replayed));
    if (differences.isEmpty()) {
      terminal.out().println("identical");
      return Verity.DONE;
    }
    differences.forEach(terminal.out()::println);
    return Verity.FAILED;
  }

  private static RunDirectory open(Path dir) {
    if (!Files.isDirectory(dir)) {
      throw new CliException("no such run directory: " + dir);
    }
    if (!Files.isRegularFile(dir.resolve(RunDirectory.MANIFEST))) {
      throw new CliException(dir + " is not a run directory: it has no " + RunDirectory.MANIFEST);
    }
    try {
      return RunDirectory.openReadOnly(dir);
    } catch (IOException e) {
      throw new CliException("cannot read " + dir + ": " + e.getMessage());
    }
  }

  private interface Reading<T> {
    T get() throws IOException;
  }

  /** What a damaged recording says about itself (file and line), as one line. */
  private static <T> T read(String what, Reading<T> reading) {
    try {
      return reading.get();
    } catch (IOException e) {
      throw new CliException("cannot read " + what + ": " + e.getMessage());
    }
  }

  /** Refuses what cannot replay bit for bit here: another device, or a source edited after the run. */
  private static void requireReplayable(Manifest manifest, String source) {
    String here = TorchRuntime.defaultDevice().toString();
    if (!here.equals(manifest.device())) {
      throw new CliException("the run was recorded on " + manifest.device() + " but this machine computes on "
          + here + ": replay it on a machine with the same device, where the numbers can match bit for bit");
    }
    if (source.isEmpty()) {
      throw new CliException("the run directory has no " + RunDirectory.SOURCE + " to replay");
    }
    if (!sha256(source).equals(manifest.sourceSha256())) {
      throw new CliException(RunDirectory.SOURCE + " was edited after the run (its sha256 differs from the"
          + " manifest's): a replay needs the exact source that ran");
    }
    if (manifest.threads() < 1) {
      throw new CliException("the manifest records " + manifest.threads() + " threads; expected 1 or more");
    }
  }

  /** Sets PyTorch's thread count before any tensor work: 1 and 2 threads give different bits. */
  private static void pinThreads(int threads) {
    TorchRuntime.setThreads(threads);
    if (TorchRuntime.threads() != threads) {
      throw new CliException("cannot run PyTorch on " + threads + " threads as the recorded run did (it runs on "
          + TorchRuntime.threads() + ")", Verity.FAILED);
    }
  }

  private static String sha256(String text) {
    try {
      return HexFormat.of().formatHex(
          MessageDigest.getInstance("SHA-256").digest(text.getBytes(StandardCharsets.UTF_8)));
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException("every Java has SHA-256", e);
    }
  }
}
