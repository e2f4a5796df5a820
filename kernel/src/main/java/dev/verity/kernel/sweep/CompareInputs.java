package dev.verity.kernel.sweep;

import dev.verity.engine.run.Manifest;
import dev.verity.engine.run.RunDirectory;
import dev.verity.engine.run.RunStatus;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.stream.Stream;

/**
 * The variants in the folders given to {@code verity compare}: each sweep's variants as the sweep names them, and
 * run directories (given alone, in folders, or in folders of folders such as a sweep's runs/) grouped by
 * experiment, source and settings other than the seed. A run reached twice (named twice, or in a folder also
 * given) counts once: each run is one sample, and one counted twice would narrow the interval with nothing new
 * measured. A replay ({@code verity replay}, whose manifest names the run it replays) reruns a run already
 * counted, bit for bit: it is left out, with a note; two runs of one variant and one seed are noted too (a
 * replay recorded before replays named their run looks like that).
 */
final class CompareInputs {
  /** How many characters of a source's hash tell runs of different sources apart in a label. */
  private static final int SOURCE_TAG = 8;

  private final List<String> notes;
  /** The runs taken, by real path, with the name they were first given as: a run is counted once. */
  private final Map<Path, Path> taken = new HashMap<>();
  /** Each run in the order given, with its variant key; a run outside a sweep is labelled at the end. */
  private final List<Taken> runs = new ArrayList<>();
  /** The replays met, each as "DIR (a replay of RUN)", left out. */
  private final List<String> replays = new ArrayList<>();

  /** A run and its variant: {@code label} for a sweep's run; {@code loose} for the others. */
  private record Taken(RunDirectory run, String label, Loose loose, long seed) {}

  /** A run outside a sweep: its experiment and settings (sorted by name, the seed left out) and source hash. */
  private record Loose(String experiment, List<String> settings, String source) {
    String base() {
      return experiment + (settings.isEmpty() ? "" : " " + String.join(", ", settings));
    }

    String withSource() {
      return experiment + " (source " + source.substring(0, Math.min(SOURCE_TAG, source.length())) + ")"
          + (settings.isEmpty() ? "" : " " + String.join(", ", settings));
    }
  }

  private CompareInputs(List<String> notes) {
    this.notes = notes;
  }

  /** See {@link Comparison#groups}. */
  static List<Summaries.Group> groups(List<Path> dirs, List<String> notes) throws Comparison.BadInput {
    CompareInputs inputs = new CompareInputs(notes);
    for (Path dir : dirs) {
      inputs.add(dir, dirs.size() > 1);
    }
    return inputs.groups(dirs);
  }

  private void add(Path dir, boolean several) throws Comparison.BadInput {
    if (Sweep.isSweep(dir)) {
      addSweep(dir, several);
    } else if (RunDirectory.isRun(dir)) {
      if (!take(dir)) {
        Path first = taken.get(realPath(dir));
        notes.add(dir + (first.equals(dir) ? " is given twice" : " is the run " + first + " again")
            + ": counted once");
      }
    } else if (Files.isDirectory(dir)) {
      addFolder(dir);
    } else if (Files.exists(dir)) {
      boolean experiment = dir.getFileName().toString().endsWith(".verity");
      throw new Comparison.BadInput(dir + (experiment ? " is an experiment file" : " is a file") + ", not a folder:"
          + " compare takes run directories, sweep directories, or folders of run directories such as runs/"
          + (experiment ? " (run the file first: `verity sweep " + dir + " --seeds 5`)" : ""));
    } else {
      throw new Comparison.BadInput("no such folder: " + dir + " (give sweep directories, run directories, or"
          + " folders of run directories such as runs/)");
    }
  }

  private void addSweep(Path dir, boolean several) throws Comparison.BadInput {
    Sweep sweep;
    try {
      sweep = Sweep.open(dir);
    } catch (IOException e) {
      throw new Comparison.BadInput(e.getMessage());
    }
    long notDone = sweep.record().runs().size() - sweep.doneRuns().size();
    if (notDone > 0) {
      notes.add(dir + ": " + notDone + " of " + sweep.record().runs().size() + " runs are not done and are left"
          + " out (`verity sweep --status " + dir + "`)");
    }
    String prefix = several ? dir.toAbsolutePath().normalize().getFileName() + ": " : "";
    int again = 0;
    for (Summaries.Group g : Summaries.groups(sweep)) {
      for (RunDirectory run : g.runs()) {
        if (taken.putIfAbsent(realPath(run.path()), run.path()) != null) {
          again++;
        } else {
          runs.add(new Taken(run, prefix + g.label(), null, 0));
        }
      }
    }
    if (again > 0) {
      notes.add(dir + ": " + again + (again == 1 ? " run was" : " runs were") + " given already: counted once");
    }
  }

  /**
   * The run directories in {@code folder}, or, where it holds none, one level deeper ({@code SWEEP/runs/} holds
   * a folder per run, each holding the run directory).
   */
  private void addFolder(Path folder) throws Comparison.BadInput {
    List<Path> found = runDirectories(folder);
    if (found.isEmpty()) {
      for (Path child : children(folder)) {
        if (Files.isDirectory(child)) {
          found.addAll(runDirectories(child));
        }
      }
    }
    if (found.isEmpty()) {
      List<String> sweeps = children(folder).stream().filter(Sweep::isSweep)
          .map(c -> c.getFileName().toString()).toList(); // children() sorts them
      if (!sweeps.isEmpty()) { // what `verity sweep` fills: which of them to compare is the user's choice
        throw new Comparison.BadInput(folder + " is a folder of " + sweeps.size() + (sweeps.size() == 1 ? " sweep"
            : " sweeps") + " (" + String.join(", ", sweeps) + "): name the sweeps to compare, e.g. `verity compare "
            + folder.resolve(sweeps.get(sweeps.size() - 1)) + "`");
      }
      throw new Comparison.BadInput(folder + " holds neither a sweep (sweep.json) nor run directories"
          + " (manifest.json), in it or in its folders");
    }
    int again = 0;
    for (Path run : found) {
      again += take(run) ? 0 : 1;
    }
    if (again > 0) {
      notes.add(folder + ": " + again + (again == 1 ? " run was" : " runs were") + " given already: counted once");
    }
  }

  /** Takes the run in {@code dir} unless taken already; false if it was. A run not done is left out, noted. */
  private boolean take(Path dir) throws Comparison.BadInput {
    if (taken.containsKey(realPath(dir))) {
      return false;
    }
    taken.put(realPath(dir), dir);
    try {
      RunDirectory run = RunDirectory.openReadOnly(dir);
      Manifest m = run.manifest();
      if (m.status() != RunStatus.DONE) {
        notes.add(dir + " is " + m.status().label() + ", not done: left out");
        return true;
      }
      if (m.replayOf().isPresent()) {
        replays.add(dir + " (a replay of " + m.replayOf().get() + ")");
        return true;
      }
      // the order of --set options changes nothing: a variant's settings are sorted by name (stably, so one
      // setting given twice keeps the order that decides its value)
      List<String> settings = m.overrides().stream()
          .filter(o -> !o.startsWith("seed=") && !o.startsWith("experiment.seed="))
          .sorted(Comparator.comparing(o -> o.substring(0, Math.max(0, o.indexOf('=')))))
          .toList();
      runs.add(new Taken(run, null, new Loose(m.experiment(), settings, m.sourceSha256()), m.seed()));
      return true;
    } catch (IOException e) {
      throw new Comparison.BadInput("cannot read the run " + dir + ": " + e.getMessage() + "; leave the run out"
          + " (move it out of the folders compared), or run it again");
    }
  }

  /**
   * The variants in the order first met. Runs outside sweeps with the same experiment and settings but different
   * sources (the file was edited between them) are kept apart, labelled by their source's hash, with a note.
   */
  private List<Summaries.Group> groups(List<Path> dirs) throws Comparison.BadInput {
    if (!replays.isEmpty()) {
      notes.add("left out " + replays.size() + (replays.size() == 1 ? " replay" : " replays") + ": "
          + String.join(", ", replays) + "; a replay reruns its run's seed, so it is no sample of its own");
    }
    Map<List<Object>, Path> bySeed = new HashMap<>();
    for (Taken t : runs) {
      if (t.loose() != null) {
        Path before = bySeed.putIfAbsent(List.of(t.loose(), t.seed()), t.run().path());
        if (before != null) {
          notes.add(t.run().path() + " ran the same source, overrides and seed (" + t.seed() + ") as " + before
              + ": both are counted, as two samples; if one is a replay of the other, leave it out (move it out of"
              + " the folders compared)");
        }
      }
    }
    Map<String, Set<String>> sources = new LinkedHashMap<>();
    for (Taken t : runs) {
      if (t.loose() != null) {
        sources.computeIfAbsent(t.loose().base(), k -> new LinkedHashSet<>()).add(t.loose().source());
      }
    }
    sources.forEach((base, hashes) -> {
      if (hashes.size() > 1) {
        notes.add("the runs of " + base + " ran " + hashes.size() + " different sources of the experiment (the"
            + " file was edited between them): each source is a variant of its own, labelled by its source_sha256");
      }
    });
    Map<String, List<RunDirectory>> byLabel = new LinkedHashMap<>();
    for (Taken t : runs) {
      String label = t.loose() == null ? t.label()
          : sources.get(t.loose().base()).size() > 1 ? t.loose().withSource() : t.loose().base();
      byLabel.computeIfAbsent(label, k -> new ArrayList<>()).add(t.run());
    }
    List<Summaries.Group> groups = new ArrayList<>();
    byLabel.forEach((label, list) -> groups.add(new Summaries.Group(label, list)));
    if (groups.isEmpty()) {
      throw new Comparison.BadInput("no done run to compare in " + String.join(", ", dirs.stream()
          .map(Path::toString).toList()));
    }
    return groups;
  }

  private static List<Path> runDirectories(Path folder) throws Comparison.BadInput {
    return new ArrayList<>(children(folder).stream().filter(RunDirectory::isRun).toList());
  }

  private static List<Path> children(Path folder) throws Comparison.BadInput {
    try (Stream<Path> children = Files.list(folder)) {
      return children.sorted().toList();
    } catch (IOException e) {
      throw new Comparison.BadInput("cannot list " + folder + ": " + e.getMessage());
    }
  }

  /** The run's real path, so that runs/a and ./runs/../runs/a, or a link to it, are one run. */
  private static Path realPath(Path dir) {
    try {
      return dir.toRealPath();
    } catch (IOException e) {
      return dir.toAbsolutePath().normalize();
    }
  }
}
