package dev.verity.kernel.cli;

import dev.verity.dsl.BaseDir;
import dev.verity.engine.run.KeepCheckpoints;
import dev.verity.engine.run.Manifest;
import dev.verity.engine.run.Recorder;
import dev.verity.engine.run.RunComparison;
import dev.verity.engine.run.RunStatus;
import dev.verity.engine.user.JavaClasses;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

/**
 * {@code verity replay DIR [--out DIR2] [--base FOLDER]}: reruns a recorded run — its exact source (whose
 * experiment statement fixes the seed; the manifest's seed where it has none), its {@code --set} overrides, its
 * base folder (or {@code --base}) and its thread count — into a new run directory, then compares the two record by
 * record. Exit 0 only when identical. Its {@code save} statements write under the new directory's {@code saved/}.
 */
@Command(
    name = "replay",
    description = {
      "Reruns a recorded run and compares every metric, evaluation and rollout with the recording.",
      "Relative paths in the run's source resolve against --base FOLDER, else the run's recorded base_dir when"
          + " this machine has it, else the current folder. Save statements write under the replay's own run"
          + " directory (saved/PATH; a path outside the base folder: saved/ and its file name), never to the path"
          + " they name; a load of such a path reads that copy back.",
      "Prints 'identical' or the first divergence in each file. Exit status: 0 identical, 1 different or the"
          + " replay did not finish (a missing file included), 2 not a run directory, not replayable here or a"
          + " wrong command line."
    })
final class ReplayCommand implements Callable<Integer> {
  @Spec CommandSpec spec;

  @Mixin DeviceOption device;

  @Mixin ClasspathOption classpath;

  @Parameters(paramLabel = "DIR", description = "the run directory to replay")
  Path dir;

  @Option(names = "--out", paramLabel = "DIR2", description = "the folder the replay's run directory goes in"
      + " (default: runs)")
  Path out = Path.of("runs");

  @Option(names = "--checkpoint-every", paramLabel = "N", description = "steps between the checkpoints each stage"
      + " writes in the replay's run directory; 0: only at its end (default: the recorded run's, from its"
      + " manifest, or " + RunCommand.CHECKPOINT_EVERY + ")")
  Integer checkpointEvery;

  @Option(names = "--base", paramLabel = "FOLDER", description = "the folder relative paths in the run's source"
      + " resolve against, e.g. where its data is on this machine (default: the run's recorded base_dir when this"
      + " machine has it, else the current folder)")
  Path base;

  @Option(names = "--keep-checkpoints", paramLabel = "N|all", description = "how many of each stage's latest"
      + " checkpoints stay in the replay's run directory (default: the recorded run's, from its manifest, or 1)")
  String keepCheckpoints;

  @Override
  public Integer call() {
    Terminal terminal = Terminal.of(spec);
    RunCommand.requireCheckpointEvery(checkpointEvery);
    RunCommand.requireFolder(out, true);
    KeepCheckpoints keep = RunCommand.keepCheckpoints(keepCheckpoints);
    Rerun rerun = Rerun.read(dir);
    device.apply();
    rerun.requireRerunnableHere("replay");
    rerun.noteMklKernels(terminal);
    BaseDir baseDir = rerun.baseDir(terminal, base);
    Manifest recorded = rerun.recorded().manifest();
    if (recorded.status() == RunStatus.FAILED) {
      // it fails at the same statement (a failed check included), then both records are compared up to there
      terminal.err().println("verity: note: the recorded run failed (" + recorded.error().orElse("")
          + "); the replay should fail at the same place, and what both recorded is compared");
    } else if (recorded.status() != RunStatus.DONE) {
      terminal.err().println("verity: note: the recorded run is " + recorded.status().label()
          + "; the replay runs to the end, so it will have more rows");
    }
    try {
      RunComparison.requireReadable(rerun.recorded().dir()); // before the rerun, which may take hours
    } catch (IOException e) {
      throw new CliException("cannot replay " + dir + ": " + e.getMessage() + "; nothing was run");
    }
    HeadlessRun.Result replay;
    try (JavaClasses.Registration classes = ClasspathOption.use(classpath.forRerun(rerun.recorded(), "replay"))) {
      replay = new HeadlessRun(terminal, StopSwitch.PROCESS)
          .run(rerun.request(baseDir, new RunRequest.NewRun(out), true, checkpointEvery, keep));
    }
    if (replay.exitCode() != Verity.DONE) {
      // the recording ran this source, so errors now (a missing file) are this machine's: not a bad input (2)
      terminal.err().println("verity: the replay did not finish, so nothing was compared");
      return Verity.FAILED;
    }
    Recorder replayed = replay.run().orElseThrow();
    if (Files.isDirectory(replayed.savesFolder())) {
      terminal.out().println("saves: " + replayed.savesFolder() + " (a replay saves there, not where the run saved)");
    }
    List<String> differences;
    try {
      differences = RunComparison.compare(rerun.recorded().dir(), replayed.directory());
    } catch (IOException e) {
      throw new CliException("cannot read the runs to compare: " + e.getMessage());
    }
    if (differences.isEmpty()) {
      terminal.out().println("identical");
      return Verity.DONE;
    }
    differences.forEach(terminal.out()::println);
    return Verity.FAILED;
  }
}
