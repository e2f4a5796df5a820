package dev.verity.kernel.cli;

import dev.verity.dsl.BaseDir;
import dev.verity.engine.run.KeepCheckpoints;
import dev.verity.engine.run.RunSettings;
import java.nio.file.Path;
import java.util.List;
import java.util.Optional;

/**
 * What {@link HeadlessRun} runs and how: the source and its file name, the folder its relative paths resolve
 * against, the {@code --set} overrides, and the run directory to create or continue. Made with {@link #of}; every
 * other setting has a default and a named {@code with…} method.
 *
 * @param defaultName the run's name when the source has no {@code experiment} statement: the file's stem, or the
 *     recorded run's name for a replay (whose file is always experiment.verity)
 * @param defaultSeed the seed when the source has no {@code experiment} statement (a notebook's {@code %seed})
 * @param replayOf for a replay, the directory name of the recorded run it reruns (a recorded session, which went
 *     on past cells that failed), which its manifest records; empty for any other run
 * @param checkpointEvery steps between the checkpoints a stage writes (0: only at its end and when stopped)
 * @param keepCheckpoints how many of each stage's latest checkpoints stay
 * @param stopAtFailedChecks whether a failed check fails the run there (a headless run), or is only shown (a
 *     replayed notebook session, which went on past it)
 */
record RunRequest(
    String source, String file, BaseDir baseDir, List<String> overrides, Target target, String defaultName,
    long defaultSeed, Optional<String> replayOf, int checkpointEvery, KeepCheckpoints keepCheckpoints,
    boolean stopAtFailedChecks) {

  /** Where a run records itself. */
  sealed interface Target permits NewRun, Resumed {}

  /** A new run directory in {@code runsRoot}. */
  record NewRun(Path runsRoot) implements Target {}

  /** The existing run directory {@code dir}, whose source is rerun to continue where it stopped. */
  record Resumed(Path dir) implements Target {}

  RunRequest {
    overrides = List.copyOf(overrides);
  }

  /** A headless run of {@code source}: no overrides, named after the file, every setting at its default. */
  static RunRequest of(String source, String file, BaseDir baseDir, Target target) {
    return new RunRequest(source, file, baseDir, List.of(), target, stem(file), 0, Optional.empty(),
        RunSettings.DEFAULT_CHECKPOINT_EVERY, RunSettings.DEFAULT_KEEP, true);
  }

  RunRequest withOverrides(List<String> overrides) {
    return new RunRequest(source, file, baseDir, overrides, target, defaultName, defaultSeed, replayOf,
        checkpointEvery, keepCheckpoints, stopAtFailedChecks);
  }

  RunRequest withDefaultName(String name) {
    return new RunRequest(source, file, baseDir, overrides, target, name, defaultSeed, replayOf, checkpointEvery,
        keepCheckpoints, stopAtFailedChecks);
  }

  RunRequest withDefaultSeed(long seed) {
    return new RunRequest(source, file, baseDir, overrides, target, defaultName, seed, replayOf, checkpointEvery,
        keepCheckpoints, stopAtFailedChecks);
  }

  /**
   * A rerun of the recorded session in the run directory named {@code run}: it goes on past failing cells, as the
   * session did, and its manifest says what it replays.
   */
  RunRequest asReplayOf(String run) {
    return new RunRequest(source, file, baseDir, overrides, target, defaultName, defaultSeed, Optional.of(run),
        checkpointEvery, keepCheckpoints, stopAtFailedChecks);
  }

  /** Whether this reruns a recorded session ({@link #asReplayOf}). */
  boolean replay() {
    return replayOf.isPresent();
  }

  RunRequest withCheckpointEvery(int steps) {
    return new RunRequest(source, file, baseDir, overrides, target, defaultName, defaultSeed, replayOf, steps,
        keepCheckpoints, stopAtFailedChecks);
  }

  RunRequest withKeepCheckpoints(KeepCheckpoints keep) {
    return new RunRequest(source, file, baseDir, overrides, target, defaultName, defaultSeed, replayOf,
        checkpointEvery, keep, stopAtFailedChecks);
  }

  RunRequest withStopAtFailedChecks(boolean stop) {
    return new RunRequest(source, file, baseDir, overrides, target, defaultName, defaultSeed, replayOf,
        checkpointEvery, keepCheckpoints, stop);
  }

  /** {@code add.verity} → {@code add}: the run's name when the file has no {@code experiment} statement. */
  static String stem(String file) {
    String name = Path.of(file).getFileName().toString();
    int dot = name.lastIndexOf('.');
    return dot > 0 ? name.substring(0, dot) : name;
  }
}
