package dev.verity.engine.run;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * A run directory's record of what ran — its exact source, and its manifest (seed, {@code --set} overrides, thread
 * count, device, base folder, checkpoint schedule) — and the rules for rerunning it bit for bit: {@code verity
 * replay} into a new directory, {@code verity run --resume} into the same one.
 */
public record RecordedRun(RunDirectory dir, Manifest manifest, String source) {

  /**
   * Reads the run in {@code dir}.
   *
   * @throws RunFormatException with one line saying why it is not a run directory, or what is damaged in it
   */
  public static RecordedRun read(Path dir) throws RunFormatException {
    if (!Files.isDirectory(dir)) {
      throw new RunFormatException("no such run directory: " + dir);
    }
    if (!RunDirectory.isRun(dir)) {
      throw new RunFormatException(dir + " is not a run directory: it has no " + RunDirectory.MANIFEST);
    }
    try {
      RunDirectory run = RunDirectory.openReadOnly(dir);
      return new RecordedRun(run, run.manifest(), run.source());
    } catch (IOException e) { // what a damaged recording says about itself (file and line)
      throw new RunFormatException("cannot read the recorded run " + dir + ": " + e.getMessage());
    }
  }

  /**
   * Why this run cannot be rerun bit for bit here — recorded on another device, its source missing or edited after
   * the run, a nonsensical thread count — with what to do; empty when it can.
   *
   * @param verb what the rerun is, for messages: {@code replay} or {@code resume}
   * @param deviceHere the device this machine computes on
   */
  public Optional<String> refusal(String verb, String deviceHere) {
    if (!deviceHere.equals(manifest.device())) {
      return Optional.of("the run was recorded on " + manifest.device() + " but this machine computes on "
          + deviceHere + ": " + verb + " it on a machine with the same device, where the numbers can match bit for"
          + " bit");
    }
    if (source.isEmpty()) {
      return Optional.of("the run directory has no " + RunDirectory.SOURCE + " to " + verb);
    }
    if (!RunDirectory.isRecordedSource(source, manifest.sourceSha256())) {
      return Optional.of(RunDirectory.SOURCE + " was edited after the run (its sha256 differs from the manifest's):"
          + " a " + verb + " needs the exact source that ran");
    }
    if (manifest.threads() < 1) {
      return Optional.of("the manifest records " + manifest.threads() + " threads; expected 1 or more");
    }
    return Optional.empty();
  }

  /**
   * Why a rerun given {@code jars} (its {@code --classpath}, in order) would not run the classes the run used — a
   * jar missing or with another SHA-256 than {@value RunDirectory#JARS} records — with what to give; empty when
   * they are the same, or the run was given none.
   *
   * @param verb what the rerun is, for messages: {@code replay} or {@code resume}
   * @throws IOException when jars.json or a jar cannot be read
   */
  public Optional<String> jarRefusal(String verb, List<Path> jars) throws IOException {
    List<RecordedJar> now = new ArrayList<>();
    for (Path jar : jars) {
      now.add(RecordedJar.of(jar));
    }
    return RecordedJar.refusal(dir.readJars(), now, verb);
  }

  /** The jars the run was given, where they were then: what a rerun uses when given none. */
  public List<Path> recordedJars() throws IOException {
    return dir.readJars().stream().map(j -> Path.of(j.path())).toList();
  }

  /** The checkpoint schedule of a rerun: {@code given}, else the run's own, else the default. */
  public int checkpointEvery(Integer given) {
    return given != null ? given : manifest.checkpointEvery().orElse(RunSettings.DEFAULT_CHECKPOINT_EVERY);
  }

  /**
   * How many checkpoints a rerun keeps: {@code given}, else the run's own; a run recorded before manifests kept
   * it kept every checkpoint, so a resume goes on keeping them all, while a replay, a new directory, keeps the
   * default.
   */
  public KeepCheckpoints keepCheckpoints(KeepCheckpoints given, boolean replay) {
    return given != null ? given : manifest.keepCheckpoints().orElse(replay ? RunSettings.DEFAULT_KEEP
        : KeepCheckpoints.ALL);
  }

  /** The file name diagnostics of a rerun carry: the run's experiment.verity. */
  public String sourceName() {
    return dir.sourceFile().toString();
  }
}
