package dev.verity.engine.run;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.function.UnaryOperator;

/**
 * A run's manifest.json: every change is read, applied and written back atomically under one lock, so changes
 * from a training thread and a kernel thread never lose one another.
 */
final class ManifestFile {
  private final Path file;
  private final Set<String> stagesSeen = new HashSet<>(); // the timeline as last read or written
  private String appendedSourceSha256; // the source's hash after cells appended since the last write, if any

  ManifestFile(Path file) {
    this.file = file;
  }

  Path path() {
    return file;
  }

  boolean exists() {
    return Files.exists(file);
  }

  Manifest read() throws IOException {
    return ManifestJson.read(file);
  }

  /** Writes the first manifest of a run; refuses a run that has one. */
  synchronized void create(Manifest m) throws IOException {
    if (exists()) {
      throw new IllegalStateException(file.getParent() + " has started before; continue it with resume()");
    }
    ManifestJson.write(file, m);
  }

  synchronized Manifest update(UnaryOperator<Manifest> change) throws IOException {
    Manifest before = read();
    Manifest after = change.apply(appendedSourceSha256 == null ? before : before.withSourceSha256(appendedSourceSha256));
    if (!after.equals(before)) {
      ManifestJson.write(file, after);
    }
    appendedSourceSha256 = null;
    stagesSeen.clear();
    stagesSeen.addAll(after.stages());
    return after;
  }

  /** Adds stages not yet in the timeline to its end: called before a stage's first record is written. */
  synchronized void noteStages(List<String> stages) throws IOException {
    if (stagesSeen.containsAll(stages)) {
      return;
    }
    if (!exists()) {
      throw new IllegalStateException(file.getParent() + ": start() the run before recording its steps");
    }
    update(m -> {
      List<String> timeline = new ArrayList<>(m.stages());
      stages.stream().filter(s -> !timeline.contains(s)).forEach(timeline::add);
      return m.withStages(timeline);
    });
  }

  /** Records that experiment.verity now hashes to {@code sha256}, when there is a manifest. */
  synchronized void sourceChanged(String sha256) throws IOException {
    if (exists()) {
      update(m -> m.withSourceSha256(sha256));
    }
  }

  /**
   * experiment.verity grew by appended cells and now hashes to {@code sha256}: the manifest takes it at its next
   * write (a stage's first record, the run's end), not now, so a notebook cell costs one forced append.
   */
  synchronized void sourceAppended(String sha256) {
    appendedSourceSha256 = sha256;
  }
}
