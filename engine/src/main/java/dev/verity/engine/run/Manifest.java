package dev.verity.engine.run;

import com.fasterxml.jackson.annotation.JsonCreator;
import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonProperty;
import dev.verity.engine.runtime.MklOnAmd;
import dev.verity.engine.runtime.NativeLibrary;
import dev.verity.engine.runtime.TorchRuntime;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.file.Path;
import java.time.Instant;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import java.util.Properties;

/**
 * What manifest.json says about a run: what ran (experiment, sha256 of experiment.verity, seed, {@code --set}
 * overrides in order), on what (versions, threads, device), when, how it ended, and which stages recorded.
 *
 * @param endedAt present once the run has ended
 * @param error the message of the failure, present only when {@code status} is failed
 * @param stages the names of the stages in the order of their first record: the run's timeline, which tells a
 *     resume which records came after its checkpoint
 * @param baseDir the absolute folder relative paths in the source resolved against, so a replay reads the same
 *     files; absent when the writer did not record it
 * @param checkpointEvery the steps between the checkpoints each stage wrote (0: only at its end), so a resume
 *     or replay writes them on the same steps; absent when the writer did not record it
 * @param keepCheckpoints how many of each stage's latest checkpoints the run keeps, so a resume prunes as the run
 *     did; absent when the writer did not record it (such runs kept every checkpoint)
 * @param replayOf for a replay ({@code verity replay}), the directory name of the run it replays, so that it is
 *     not counted as one more run of its seed ({@code verity compare}); absent for any other run, and in
 *     manifests written before replays recorded it
 */
public record Manifest(
    String experiment,
    String sourceSha256,
    long seed,
    List<String> overrides,
    Versions versions,
    int threads,
    String device,
    Instant startedAt,
    Optional<Instant> endedAt,
    RunStatus status,
    Optional<String> error,
    List<String> stages,
    Optional<Path> baseDir,
    Optional<Integer> checkpointEvery,
    Optional<KeepCheckpoints> keepCheckpoints,
    Optional<String> replayOf) {

  /**
   * The versions of everything that decides a run's numbers.
   *
   * @param natives the PyTorch native library the run loaded; null in manifests written before it was recorded
   */
  public record Versions(
      String verity, String djl, String pytorch, String java,
      @JsonInclude(JsonInclude.Include.NON_NULL) Natives natives) {
    @JsonCreator // the canonical constructor reads manifest.json, with or without natives
    public Versions {
      Objects.requireNonNull(verity, "versions.verity");
      Objects.requireNonNull(djl, "versions.djl");
      Objects.requireNonNull(pytorch, "versions.pytorch");
      Objects.requireNonNull(java, "versions.java");
    }

    /** Versions without a record of the natives. */
    public Versions(String verity, String djl, String pytorch, String java) {
      this(verity, djl, pytorch, java, null);
    }

    /** The versions of this process; loads the PyTorch engine to ask its version. */
    public static Versions current() {
      return new Versions(
          verityVersion(), TorchRuntime.djlVersion(), TorchRuntime.engineVersion(),
          System.getProperty("java.version"), Natives.of(NativeLibrary.loaded()));
    }

    /** This build's version, stamped into a resource by Maven. */
    public static String verityVersion() {
      Properties p = new Properties();
      try (InputStream in = Manifest.class.getResourceAsStream("/dev/verity/engine/verity.properties")) {
        if (in != null) {
          p.load(in);
        }
      } catch (IOException e) {
        throw new UncheckedIOException(e);
      }
      return p.getProperty("version", "unknown");
    }
  }

  /**
   * Which build of libtorch a run computed with and where it came from: its flavor ({@code cpu}, {@code cu130}, …),
   * its folder, the CUDA runtime's version where a GPU was usable, and libtorch's deterministic-algorithms mode when
   * it was on ({@code warn} or {@code on}), and on an AMD CPU which kernels MKL took ({@link MklOnAmd}).
   */
  public record Natives(
      @JsonProperty("flavor") String flavor,
      @JsonProperty("libtorch") String libtorch,
      @JsonProperty("cuda") @JsonInclude(JsonInclude.Include.NON_NULL) String cuda,
      @JsonProperty("torch_deterministic") @JsonInclude(JsonInclude.Include.NON_NULL) String torchDeterministic,
      @JsonProperty("mkl_kernels") @JsonInclude(JsonInclude.Include.NON_NULL) String mklKernels) {
    public Natives {
      Objects.requireNonNull(flavor, "versions.natives.flavor");
      Objects.requireNonNull(libtorch, "versions.natives.libtorch");
    }

    static Natives of(NativeLibrary loaded) {
      String mode = loaded.deterministicAlgorithms();
      return new Natives(loaded.flavor(), loaded.folder(), loaded.cuda().orElse(null),
          mode.equals("off") ? null : mode, MklOnAmd.current().orElse(null)); // null but on AMD
    }
  }

  public Manifest {
    Objects.requireNonNull(experiment, "experiment");
    Objects.requireNonNull(sourceSha256, "sourceSha256");
    overrides = List.copyOf(overrides);
    Objects.requireNonNull(versions, "versions");
    Objects.requireNonNull(device, "device");
    Objects.requireNonNull(startedAt, "startedAt");
    Objects.requireNonNull(endedAt, "endedAt");
    Objects.requireNonNull(status, "status");
    Objects.requireNonNull(error, "error");
    stages = List.copyOf(stages);
    Objects.requireNonNull(baseDir, "baseDir");
    Objects.requireNonNull(checkpointEvery, "checkpointEvery");
    if (checkpointEvery.isPresent() && checkpointEvery.get() < 0) {
      throw new IllegalArgumentException("checkpoint_every is " + checkpointEvery.get() + "; expected 0 or more");
    }
    Objects.requireNonNull(keepCheckpoints, "keepCheckpoints");
    Objects.requireNonNull(replayOf, "replayOf");
    if (status.ended() != endedAt.isPresent()) {
      throw new IllegalArgumentException("a " + status.label() + " run " + (status.ended() ? "needs" : "has no")
          + " end time");
    }
    if ((status == RunStatus.FAILED) != error.isPresent()) {
      throw new IllegalArgumentException("a run has an error message exactly when it failed, not when "
          + status.label());
    }
  }

  /** A run that starts at {@code startedAt}. */
  public static Manifest running(
      String experiment, String sourceSha256, long seed, List<String> overrides, Versions versions, int threads,
      String device, Instant startedAt) {
    return new Manifest(experiment, sourceSha256, seed, overrides, versions, threads, device, startedAt,
        Optional.empty(), RunStatus.RUNNING, Optional.empty(), List.of(), Optional.empty(), Optional.empty(),
        Optional.empty(), Optional.empty());
  }

  /**
   * This run moved to {@code next} at {@code at}: ended (done or interrupted) or resumed (running again, end time
   * and error cleared). A failure goes through {@link #failed}, as it needs its message.
   *
   * @throws IllegalStateException when {@link RunStatus#canBecome} forbids the move
   */
  public Manifest withStatus(RunStatus next, Instant at) {
    if (next == RunStatus.FAILED) {
      throw new IllegalArgumentException("a failed run needs its error message: use failed(message, at)");
    }
    return moveTo(next, next.ended() ? Optional.of(at) : Optional.empty(), Optional.empty());
  }

  /** This run failed at {@code at} with {@code message}. */
  public Manifest failed(String message, Instant at) {
    return moveTo(RunStatus.FAILED, Optional.of(at), Optional.of(Objects.requireNonNull(message, "message")));
  }

  /** The same run with experiment.verity's hash now {@code sha256} (a notebook session appended a cell). */
  public Manifest withSourceSha256(String sha256) {
    return new Manifest(experiment, sha256, seed, overrides, versions, threads, device, startedAt, endedAt, status,
        error, stages, baseDir, checkpointEvery, keepCheckpoints, replayOf);
  }

  /** The same run with its timeline now {@code timeline}. */
  public Manifest withStages(List<String> timeline) {
    return new Manifest(experiment, sourceSha256, seed, overrides, versions, threads, device, startedAt, endedAt,
        status, error, timeline, baseDir, checkpointEvery, keepCheckpoints, replayOf);
  }

  /** The same run with relative paths of its source resolving against {@code dir} (made absolute). */
  public Manifest withBaseDir(Path dir) {
    return new Manifest(experiment, sourceSha256, seed, overrides, versions, threads, device, startedAt, endedAt,
        status, error, stages, Optional.of(dir.toAbsolutePath().normalize()), checkpointEvery,
        keepCheckpoints, replayOf);
  }

  /** The same run, recorded as checkpointing every {@code steps} steps (0: only at the end of each stage). */
  public Manifest withCheckpointEvery(int steps) {
    return new Manifest(experiment, sourceSha256, seed, overrides, versions, threads, device, startedAt, endedAt,
        status, error, stages, baseDir, Optional.of(steps), keepCheckpoints, replayOf);
  }

  /** The same run, recorded as keeping {@code keep} of each stage's checkpoints. */
  public Manifest withKeepCheckpoints(KeepCheckpoints keep) {
    return new Manifest(experiment, sourceSha256, seed, overrides, versions, threads, device, startedAt, endedAt,
        status, error, stages, baseDir, checkpointEvery, Optional.of(keep), replayOf);
  }

  /** The same run, recorded as a replay of the run in the directory named {@code run}. */
  public Manifest withReplayOf(String run) {
    return new Manifest(experiment, sourceSha256, seed, overrides, versions, threads, device, startedAt, endedAt,
        status, error, stages, baseDir, checkpointEvery, keepCheckpoints, Optional.of(run));
  }

  private Manifest moveTo(RunStatus next, Optional<Instant> end, Optional<String> message) {
    if (!status.canBecome(next)) {
      throw new IllegalStateException("run '" + experiment + "' is " + status.label() + " and cannot become "
          + next.label());
    }
    return new Manifest(experiment, sourceSha256, seed, overrides, versions, threads, device, startedAt, end, next,
        message, stages, baseDir, checkpointEvery, keepCheckpoints, replayOf);
  }
}
