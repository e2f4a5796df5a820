package dev.verity.kernel.cli;

import dev.verity.dsl.BaseDir;
import dev.verity.dsl.Overrides;
import dev.verity.engine.run.KeepCheckpoints;
import dev.verity.engine.run.RunSettings;
import dev.verity.engine.run.RunStatus;
import dev.verity.engine.user.JavaClasses;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

/**
 * {@code verity run FILE [--out DIR] [--set name=value]…} and {@code verity run --resume DIR [--base FOLDER]}. A
 * resume continues the user's own run, so its {@code save} statements write where the run's did (unlike a replay's).
 */
@Command(
    name = "run",
    description = {
      "Runs an experiment file headless and records it in a new run directory; with --resume DIR, continues a"
          + " run that was killed, interrupted or failed, in its own directory, as if it had never stopped (its"
          + " save statements write where the run's did).",
      "Exit status: 0 done, 1 failed or interrupted at run time (a failed check fails the run there), 2 the file"
          + " has errors (nothing ran).",
      "Ctrl-C stops after the step in flight and checkpoints; a second Ctrl-C quits at once (exit status 130), the"
          + " run marked interrupted all the same."
    })
final class RunCommand implements Callable<Integer> {
  static final int CHECKPOINT_EVERY = RunSettings.DEFAULT_CHECKPOINT_EVERY;

  @Spec CommandSpec spec;

  @Mixin DeviceOption device;

  @Mixin ClasspathOption classpath;

  @Parameters(paramLabel = "FILE", arity = "0..1",
      description = "the experiment file; paths in it are relative to its folder")
  String file;

  @Option(names = "--out", paramLabel = "DIR", description = "the folder run directories go in (default: runs)")
  Path out;

  @Option(names = "--set", paramLabel = "name=value",
      description = "override a setting, e.g. rl.steps=20, explore.per_prompt=4, experiment.seed=3 (repeatable)")
  List<String> overrides = new ArrayList<>();

  @Option(names = "--resume", paramLabel = "DIR", description = "continue the run in DIR: its recorded source,"
      + " overrides, seed and threads rerun into it, from each stage's latest checkpoint")
  Path resume;

  @Option(names = "--base", paramLabel = "FOLDER", description = "with --resume: the folder relative paths in the"
      + " run's source resolve against (default: the run's recorded base_dir when this machine has it, else the"
      + " current folder)")
  Path base;

  @Option(names = "--checkpoint-every", paramLabel = "N", description = "steps between the checkpoints each stage"
      + " writes; 0: only at its end and when stopped (default: " + CHECKPOINT_EVERY + "; with --resume, the"
      + " run's own, from its manifest)")
  Integer checkpointEvery;

  @Option(names = "--keep-checkpoints", paramLabel = "N|all", description = "how many of each stage's latest"
      + " checkpoints stay; older ones are deleted once a newer one is written (default: 1, the one a resume reads;"
      + " the manifest records it; with --resume, the run's own, or all for runs recorded before it existed)")
  String keepCheckpoints;

  @Override
  public Integer call() {
    requireCheckpointEvery(checkpointEvery);
    KeepCheckpoints keep = keepCheckpoints(keepCheckpoints);
    device.apply();
    Terminal terminal = Terminal.of(spec);
    HeadlessRun headless = new HeadlessRun(terminal, StopSwitch.PROCESS);
    if (resume != null) {
      RunRequest request = resumeRequest(terminal, keep);
      try (JavaClasses.Registration classes = ClasspathOption.use(classpath.forRerun(Rerun.read(resume).recorded(),
          "resume"))) {
        return headless.run(request).exitCode();
      }
    }
    if (base != null) {
      throw new CliException("--base goes with --resume DIR: the paths in FILE resolve against FILE's own folder");
    }
    if (file == null) {
      throw new CliException("name an experiment file to run, or a run directory to continue with --resume DIR");
    }
    Overrides.givenTwice(overrides).ifPresent(twice -> {
      throw new CliException(twice);
    });
    SourceFile source = SourceFile.experiment(file, "run");
    Path runsRoot = out == null ? Path.of("runs") : out;
    requireFolder(runsRoot, out != null);
    RunRequest request = RunRequest.of(source.text(), source.name(), BaseDir.fileFolder(source.folder()),
            new RunRequest.NewRun(runsRoot))
        .withOverrides(overrides)
        .withCheckpointEvery(checkpointEvery == null ? CHECKPOINT_EVERY : checkpointEvery)
        .withKeepCheckpoints(keep == null ? RunSettings.DEFAULT_KEEP : keep);
    try (JavaClasses.Registration classes = classpath.use()) {
      return headless.run(request).exitCode();
    }
  }

  /** The recorded run in {@link #resume}, checked to be one that can continue here. */
  private RunRequest resumeRequest(Terminal terminal, KeepCheckpoints keep) {
    if (file != null || !overrides.isEmpty() || out != null) {
      throw new CliException("--resume reruns the run's own recorded source and overrides into its own directory:"
          + " drop " + (file != null ? "FILE " + file : !overrides.isEmpty() ? "--set" : "--out"));
    }
    Rerun recorded = Rerun.read(resume);
    if (recorded.recorded().manifest().status() == RunStatus.DONE) {
      throw new CliException(resume + " is done: there is nothing to resume (`verity replay " + resume
          + "` reruns it into a new directory)");
    }
    recorded.requireRerunnableHere("resume");
    recorded.noteMklKernels(terminal);
    return recorded.request(recorded.baseDir(terminal, base), new RunRequest.Resumed(resume), false,
        checkpointEvery, keep);
  }

  /** {@code --keep-checkpoints}' value, or null when not given; refuses what is not {@code all} or 1 or more. */
  static KeepCheckpoints keepCheckpoints(String text) {
    if (text == null) {
      return null;
    }
    try {
      return KeepCheckpoints.parse(text);
    } catch (IllegalArgumentException e) {
      throw new CliException("--keep-checkpoints " + text + ": give all, or how many of each stage's latest"
          + " checkpoints to keep (1 or more)");
    }
  }

  /** Refuses a negative {@code --checkpoint-every}; null (not given) passes. */
  /** {@code --out} (or the default runs/) must be a folder or not yet exist: else a run would fail once started. */
  static void requireFolder(Path runsRoot, boolean given) {
    if (Files.exists(runsRoot) && !Files.isDirectory(runsRoot)) {
      throw new CliException((given ? "--out " : "") + runsRoot + " is a file, not a folder: give --out DIR, the"
          + " folder run directories go in");
    }
  }

  static void requireCheckpointEvery(Integer steps) {
    if (steps != null && steps < 0) {
      throw new CliException("--checkpoint-every " + steps + ": give 0 (only at the end of each stage) or more steps");
    }
  }
}
