package dev.verity.kernel.backend;

import dev.verity.dsl.exec.SessionScript;
import dev.verity.engine.run.Recorder;
import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * What a notebook session ran, in order, as DSL: each entry is appended to the run directory's experiment.verity
 * as it runs (so {@code verity replay} can rerun the session) and kept here for {@code %export}. Java cells are
 * entries too, as comments that a replay defines again.
 */
final class SessionRecord {
  private final Optional<Recorder> run;
  private final List<String> entries = new ArrayList<>();
  private List<Path> jars = List.of(); // as jars.json last recorded them

  SessionRecord(Optional<Recorder> run) {
    this.run = run;
  }

  Optional<Recorder> run() {
    return run;
  }

  /**
   * Adds {@code source} as a cell headed {@code # %% label} (SessionScript's format, which replays read);
   * blank lines around it (where magics stood) are dropped.
   * Kept for export even when the run directory cannot be written, which is then thrown.
   */
  void append(String label, String source) throws IOException {
    String entry = SessionScript.header(label) + "\n" + withoutBlankEnds(source) + "\n";
    entries.add(entry);
    if (run.isPresent()) {
      run.get().appendSource(entry);
    }
  }

  /** Adds a Java cell's {@code source} under {@code label}, as comments a replay reads back (SessionScript). */
  void appendJava(String label, String source) throws IOException {
    String entry = SessionScript.javaEntry(label, withoutBlankEnds(source));
    entries.add(entry);
    if (run.isPresent()) {
      run.get().appendSource(entry);
    }
  }

  /**
   * Records the jars the session's Java classes come from ({@code %classpath}), with their hashes, when they
   * changed since the last cell: a replay then uses and checks them. Java cells' own classes are not recorded.
   */
  void jars(List<Path> now) throws IOException {
    if (run.isPresent() && !now.isEmpty() && !now.equals(jars)) {
      run.get().recordJars(now);
      jars = List.copyOf(now);
    }
  }

  /** Adds a line of its own after the last cell, such as {@link SessionScript#stopNote}. */
  void note(String line) throws IOException {
    String entry = line + "\n";
    entries.add(entry);
    if (run.isPresent()) {
      run.get().appendSource(entry);
    }
  }

  /** Everything run so far, as one experiment file: the entries with a blank line between them. */
  String text() {
    return String.join("\n", entries);
  }

  boolean isEmpty() {
    return entries.isEmpty();
  }

  /** Marks the run done (a session ends when its kernel shuts down); a run already ended stays as it is. */
  void finish() throws IOException {
    if (run.isPresent()) {
      run.get().close();
    }
  }

  /** {@code source} without its leading and trailing blank lines; indentation inside is kept. */
  static String withoutBlankEnds(String source) {
    String[] lines = source.split("\r?\n", -1);
    int first = 0;
    int last = lines.length - 1;
    while (first <= last && lines[first].isBlank()) {
      first++;
    }
    while (last >= first && lines[last].isBlank()) {
      last--;
    }
    return String.join("\n", List.of(lines).subList(first, last + 1));
  }
}
