package dev.verity.engine.run;

import java.nio.file.Path;
import java.util.List;
import java.util.Optional;

/**
 * What a run records about how it runs, as its manifest keeps it: the seed, the {@code --set} overrides, the thread
 * count and device (which decide the bits), the folder relative paths resolve against, and the checkpoint schedule.
 * Built with {@link #of} and named {@code with…} methods; unset ones take the defaults.
 *
 * @param checkpointEvery steps between the checkpoints each stage writes (0: only at its end and when stopped)
 * @param keepCheckpoints how many of each stage's latest checkpoints stay
 * @param replayOf for a replay, the directory name of the run it replays
 */
public record RunSettings(
    long seed,
    List<String> overrides,
    int threads,
    String device,
    Optional<Path> baseDir,
    int checkpointEvery,
    KeepCheckpoints keepCheckpoints,
    Optional<String> replayOf) {

  /** Steps between a stage's checkpoints unless set; each stage also checkpoints at its end and on a stop. */
  public static final int DEFAULT_CHECKPOINT_EVERY = 50;

  /** Checkpoints kept of each stage unless set: the latest, the only one a resume reads. */
  public static final KeepCheckpoints DEFAULT_KEEP = KeepCheckpoints.LATEST;

  public RunSettings {
    overrides = List.copyOf(overrides);
    if (checkpointEvery < 0) {
      throw new IllegalArgumentException("checkpoint every " + checkpointEvery + " steps: give 0 or more");
    }
  }

  /** A run of {@code seed} on {@code threads} threads of {@code device}, every other setting at its default. */
  public static RunSettings of(long seed, int threads, String device) {
    return new RunSettings(seed, List.of(), threads, device, Optional.empty(), DEFAULT_CHECKPOINT_EVERY, DEFAULT_KEEP,
        Optional.empty());
  }

  public RunSettings withOverrides(List<String> overrides) {
    return new RunSettings(seed, overrides, threads, device, baseDir, checkpointEvery, keepCheckpoints, replayOf);
  }

  public RunSettings withBaseDir(Path dir) {
    return new RunSettings(seed, overrides, threads, device, Optional.of(dir), checkpointEvery, keepCheckpoints,
        replayOf);
  }

  public RunSettings withCheckpointEvery(int steps) {
    return new RunSettings(seed, overrides, threads, device, baseDir, steps, keepCheckpoints, replayOf);
  }

  public RunSettings withKeepCheckpoints(KeepCheckpoints keep) {
    return new RunSettings(seed, overrides, threads, device, baseDir, checkpointEvery, keep, replayOf);
  }

  public RunSettings withReplayOf(String run) {
    return new RunSettings(seed, overrides, threads, device, baseDir, checkpointEvery, keepCheckpoints,
        Optional.of(run));
  }
}
