package dev.verity.kernel.cli;

import dev.verity.dsl.BaseDir;
import dev.verity.dsl.exec.Session;
import dev.verity.engine.run.KeepCheckpoints;
import dev.verity.engine.run.Manifest;
import dev.verity.engine.run.RunDirectory;
import dev.verity.engine.run.RunStatus;
import dev.verity.engine.runtime.TorchRuntime;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Optional;

/**
 * A run directory's record of what ran — its exact source, its manifest (seed, {@code --set} overrides, thread
 * count, device) and the folder its relative paths resolved against — for rerunning it: {@code verity replay}
 * into a new directory, {@code verity run --resume} into the same one.
 */
record RecordedRun(RunDirectory dir, Manifest manifest, String source) {

  /** Reads the run in {@code dir}, or fails with one line saying why it is not a run directory. */
  static RecordedRun read(Path dir) {
    if (Files.isRegularFile(dir)) {
      throw new CliException(dir + (dir.toString().endsWith(NotebookFiles.TWIN)
          ? " is an experiment file, not a run directory: run it with `verity run " + dir + "`"
          : " is a file, not a run directory: name a folder in runs/"));
    }
    if (!Files.isDirectory(dir)) {
      throw new CliException("no such run directory: " + dir);
    }
    if (!Files.isRegularFile(dir.resolve(RunDirectory.MANIFEST))) {
      throw new CliException(dir + " is not a run directory: it has no " + RunDirectory.MANIFEST);
    }
    try {
      RunDirectory run = RunDirectory.openReadOnly(dir);
      return new RecordedRun(run, run.manifest(), run.source());
    } catch (IOException e) { // what a damaged recording says about itself (file and line)
      throw new CliException("cannot read the recorded run " + dir + ": " + e.getMessage());
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
    Optional<Path> recorded = manifest.baseDir();
    if (recorded.isPresent() && Files.isDirectory(recorded.get())) {
      return new BaseDir(recorded.get(), "relative paths resolve against " + recorded.get()
          + ", the folder the run recorded (base_dir)" + another);
    }
    Path here = Path.of("").toAbsolutePath();
    String why = recorded.map(r -> "the recorded base_dir " + r + " is not on this machine")
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
    if (!here.equals(manifest.device())) {
      throw new CliException("the run was recorded on " + manifest.device() + " but this machine computes on "
          + here + ": " + verb + " it on a machine with the same device, where the numbers can match bit for bit");
    }
    if (source.isEmpty()) {
      throw new CliException("the run directory has no " + RunDirectory.SOURCE + " to " + verb);
    }
    if (!RunDirectory.isRecordedSource(source, manifest.sourceSha256())) {
      throw new CliException(RunDirectory.SOURCE + " was edited after the run (its sha256 differs from the"
          + " manifest's): a " + verb + " needs the exact source that ran");
    }
    int threads = manifest.threads();
    if (threads < 1) {
      throw new CliException("the manifest records " + threads + " threads; expected 1 or more");
    }
    TorchRuntime.setThreads(threads);
    if (TorchRuntime.threads() != threads) {
      throw new CliException("cannot run PyTorch on " + threads + " threads as the recorded run did (it runs on "
          + TorchRuntime.threads() + ")", Verity.FAILED);
    }
  }

  /**
   * A headless run of the recorded source, with its overrides and seed, into {@code target}. A resume stops at a
   * failed check as {@code verity run} does. A replay stops there only when the recording failed: checks are
   * pure, so a run that did not fail passed every check it reached, or was a notebook session (never marked
   * failed), which showed failed checks and went on — so the replay does what the recording did.
   *
   * @param checkpointEvery the {@code --checkpoint-every} given, or null for the run's own (its manifest's, or
   *     the default for runs recorded before manifests kept it)
   * @param keep the {@code --keep-checkpoints} given, or null for the run's own; a run recorded before manifests
   *     kept it kept every checkpoint, so a resume goes on keeping them all, while a replay, a new directory,
   *     keeps the default
   */
  HeadlessRun.Request request(
      BaseDir baseDir, HeadlessRun.Target target, boolean replay, Integer checkpointEvery, KeepCheckpoints keep) {
    int every = checkpointEvery != null ? checkpointEvery
        : manifest.checkpointEvery().orElse(RunCommand.CHECKPOINT_EVERY);
    KeepCheckpoints kept = keep != null ? keep
        : manifest.keepCheckpoints().orElse(replay ? Session.KEEP_CHECKPOINTS : KeepCheckpoints.ALL);
    return new HeadlessRun.Request(source, dir.sourceFile().toString(), baseDir, manifest.overrides(), target,
        manifest.experiment(), manifest.seed(), replay, every, kept, !replay || manifest.status() == RunStatus.FAILED);
  }
}
