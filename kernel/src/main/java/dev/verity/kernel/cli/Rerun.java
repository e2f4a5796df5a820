package dev.verity.kernel.cli;

import dev.verity.dsl.BaseDir;
import dev.verity.engine.run.KeepCheckpoints;
import dev.verity.engine.run.Manifest;
import dev.verity.engine.run.RecordedRun;
import dev.verity.engine.run.RunFormatException;
import dev.verity.engine.run.RunStatus;
import dev.verity.engine.runtime.MklOnAmd;
import dev.verity.engine.runtime.TorchRuntime;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Optional;

/**
 * {@code verity replay} and {@code verity run --resume} on a {@link RecordedRun}: its refusals as command-line
 * errors, the folder its paths resolve against, the thread count pinned, and the request that reruns it.
 */
record Rerun(RecordedRun recorded) {

  /** Reads the run in {@code dir}, or fails with one line saying why it is not a run directory. */
  static Rerun read(Path dir) {
    if (Files.isRegularFile(dir)) {
      throw new CliException(dir + (dir.toString().endsWith(NotebookFiles.TWIN)
          ? " is an experiment file, not a run directory: run it with `verity run " + dir + "`"
          : " is a file, not a run directory: name a folder in runs/"));
    }
    try {
      return new Rerun(RecordedRun.read(dir));
    } catch (RunFormatException e) {
      throw new CliException(e.getMessage());
    }
  }

  /**
   * The folder relative paths resolve against: {@code --base} when given; else the recorded one when this machine
   * has it; else, with a note, the working folder (a run copied from another machine records a folder this one
   * lacks). A missing file's error names the folder and how to choose another, as it is not where the source is.
   *
   * @param given the {@code --base} folder, or null
   */
  BaseDir baseDir(Terminal terminal, Path given) {
    String another = "; give --base FOLDER to read them from another folder";
    if (given != null) {
      Path folder = given.toAbsolutePath().normalize();
      if (!Files.isDirectory(folder)) {
        throw new CliException("--base " + given + ": no such folder");
      }
      return new BaseDir(folder, "relative paths resolve against " + folder + ", the --base folder");
    }
    Optional<Path> recordedDir = recorded.manifest().baseDir();
    if (recordedDir.isPresent() && Files.isDirectory(recordedDir.get())) {
      return new BaseDir(recordedDir.get(), "relative paths resolve against " + recordedDir.get()
          + ", the folder the run recorded (base_dir)" + another);
    }
    Path here = Path.of("").toAbsolutePath();
    String why = recordedDir.map(r -> "the recorded base_dir " + r + " is not on this machine")
        .orElse("the manifest has no base_dir");
    terminal.err().println("verity: note: " + why + "; relative paths resolve against the current folder " + here
        + " (--base FOLDER changes it)");
    return new BaseDir(here, "relative paths resolve against the current folder " + here + ", as " + why + another);
  }

  /**
   * Refuses what cannot rerun bit for bit here — another device, a source edited after the run — and sets
   * PyTorch's thread count to the recorded one before any tensor work (1 and 2 threads give different bits).
   *
   * @param verb what the rerun is, for messages: {@code replay} or {@code resume}
   */
  void requireRerunnableHere(String verb) {
    String here = TorchRuntime.defaultDevice().toString();
    recorded.refusal(verb, here).ifPresent(why -> {
      boolean otherDevice = !here.equals(recorded.manifest().device());
      throw new CliException(otherDevice ? why + DeviceHint.forRecorded(recorded.manifest().device(), here) : why);
    });
    int threads = recorded.manifest().threads();
    TorchRuntime.setThreads(threads);
    if (TorchRuntime.threads() != threads) {
      throw new CliException("cannot run PyTorch on " + threads + " threads as the recorded run did (it runs on "
          + TorchRuntime.threads() + ")", Verity.FAILED);
    }
  }

  /** A note when the run's MKL took other kernels than this process's will ({@link MklOnAmd#rerunNote}). */
  void noteMklKernels(Terminal terminal) {
    Manifest.Natives natives = recorded.manifest().versions().natives();
    MklOnAmd.rerunNote(natives == null ? null : natives.mklKernels(), MklOnAmd.current())
        .ifPresent(note -> terminal.err().println("verity: note: " + note));
  }

  /**
   * A headless run of the recorded source, with its overrides and seed, into {@code target}. A resume stops at a
   * failed check as {@code verity run} does. A replay stops there only when the recording failed: checks are
   * pure, so a run that did not fail passed every check it reached, or was a notebook session (never marked
   * failed), which showed failed checks and went on — so the replay does what the recording did.
   *
   * @param checkpointEvery the {@code --checkpoint-every} given, or null for the run's own
   * @param keep the {@code --keep-checkpoints} given, or null for the run's own
   */
  RunRequest request(BaseDir baseDir, RunRequest.Target target, boolean replay, Integer checkpointEvery,
      KeepCheckpoints keep) {
    RunRequest request = RunRequest.of(recorded.source(), recorded.sourceName(), baseDir, target)
        .withOverrides(recorded.manifest().overrides())
        .withDefaultName(recorded.manifest().experiment())
        .withDefaultSeed(recorded.manifest().seed())
        .withCheckpointEvery(recorded.checkpointEvery(checkpointEvery))
        .withKeepCheckpoints(recorded.keepCheckpoints(keep, replay))
        .withStopAtFailedChecks(!replay || recorded.manifest().status() == RunStatus.FAILED);
    return replay ? request.asReplayOf(
        recorded.dir().path().toAbsolutePath().normalize().getFileName().toString()) : request;
  }
}
