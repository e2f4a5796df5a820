package dev.verity.kernel.sweep;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.verity.engine.run.RunDirectory;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import tech.tablesaw.api.Row;

/**
 * Which runs {@code verity compare} pools into a variant: each run once however often it is reached, the same
 * settings in any order together, and runs of different sources of the experiment apart; and which folders it
 * reads runs from.
 */
class CompareInputsTest {
  private static final String SOURCE = "experiment \"exp\" seed 1\n";
  private static final String EDITED = "experiment \"exp\" seed 1\n# edited\n";

  @TempDir Path dir;

  /** Each variant's label and how many runs it pools, in order. */
  private static List<String> sizes(List<Summaries.Group> groups) {
    return groups.stream().map(g -> g.label() + ": " + g.runs().size()).toList();
  }

  @Test
  void aRunReachedTwiceIsCountedOnceWithANote() throws Exception {
    Path runs = dir.resolve("runs");
    Path a = HandRuns.run(runs, SOURCE, 1, List.of("seed=1"), 0.5);
    HandRuns.run(runs, SOURCE, 2, List.of("seed=2"), 0.7);
    List<String> notes = new ArrayList<>();
    assertEquals(List.of("exp: 1"), sizes(Comparison.groups(List.of(a, a), notes)));
    assertEquals(List.of(a + " is given twice: counted once"), notes);
    // n stays 1: no interval is made of one run counted twice (it would have sd 0 and an interval of [x, x])
    Row mean = Comparison.compare(Comparison.groups(List.of(a, a), new ArrayList<>()), List.of("accuracy"))
        .means().row(0);
    assertEquals(1, mean.getInt("n"));

    notes.clear();
    Path sameRun = runs.resolve("..").resolve("runs").resolve(a.getFileName().toString()); // another name for it
    assertEquals(List.of("exp: 2"), sizes(Comparison.groups(List.of(runs, sameRun), notes)));
    assertEquals(List.of(sameRun + " is the run " + a + " again: counted once"), notes);

    notes.clear();
    Path sweep = HandRuns.sweep(dir.resolve("sweeps"), 2);
    Path seed1;
    try (Stream<Path> in = Files.list(sweep.resolve(Sweep.RUNS).resolve("seed1"))) {
      seed1 = in.findFirst().orElseThrow();
    }
    List<Summaries.Group> groups = Comparison.groups(List.of(seed1, sweep), notes);
    assertEquals(2, groups.stream().mapToInt(g -> g.runs().size()).sum(), sizes(groups).toString());
    assertEquals(List.of(sweep + ": 1 run was given already: counted once"), notes);
  }

  /** A copy of {@code run} in {@code folder} as {@code name}, its manifest naming what it replays when given. */
  private static Path copy(Path run, Path folder, String name, String replayOf) throws IOException {
    Path to = Files.createDirectories(folder.resolve(name));
    try (Stream<Path> files = Files.list(run)) {
      for (Path f : files.filter(Files::isRegularFile).toList()) {
        Files.copy(f, to.resolve(f.getFileName()));
      }
    }
    if (replayOf != null) {
      Path manifest = to.resolve("manifest.json");
      Files.writeString(manifest, Files.readString(manifest).replaceFirst("\\{", "{\n  \"replay_of\" : \""
          + replayOf + "\","));
    }
    return to;
  }

  @Test
  void aReplayInTheFolderIsLeftOutSoItsSeedCountsOnce() throws Exception {
    Path runs = dir.resolve("runs");
    Path one = HandRuns.run(runs, SOURCE, 1, List.of("seed=1"), 0.5);
    HandRuns.run(runs, SOURCE, 2, List.of("seed=2"), 0.7);
    Path replay = copy(one, runs, "zz-replay", one.getFileName().toString());
    List<String> notes = new ArrayList<>();
    List<Summaries.Group> groups = Comparison.groups(List.of(runs), notes);
    assertEquals(List.of("exp: 2"), sizes(groups), "seeds 1 and 2, not 1, 1 and 2");
    assertEquals(List.of("left out 1 replay: " + replay + " (a replay of " + one.getFileName() + "); a replay"
        + " reruns its run's seed, so it is no sample of its own"), notes);
    Row mean = Comparison.compare(groups, List.of("accuracy")).means().row(0);
    assertEquals(2, mean.getInt("n"));
    assertEquals(0.6, mean.getDouble("mean"), 1e-12);
  }

  @Test
  void twoRunsOfOneVariantAndSeedAreNotedAsPerhapsAnUnmarkedReplay() throws Exception {
    Path runs = dir.resolve("runs");
    Path one = HandRuns.run(runs, SOURCE, 1, List.of("seed=1"), 0.5);
    Path again = copy(one, runs, "zz-again", null); // a replay written before replays named their run
    List<String> notes = new ArrayList<>();
    assertEquals(List.of("exp: 2"), sizes(Comparison.groups(List.of(runs), notes)));
    assertEquals(List.of(again + " ran the same source, overrides and seed (1) as " + one + ": both are counted, as"
        + " two samples; if one is a replay of the other, leave it out (move it out of the folders compared)"), notes);
  }

  @Test
  void theSameSettingsInAnotherOrderAreOneVariant() throws Exception {
    Path runs = dir.resolve("runs");
    HandRuns.run(runs, SOURCE, 1, List.of("warm.steps=2", "add.count=4", "seed=1"), 0.5);
    HandRuns.run(runs, SOURCE, 2, List.of("add.count=4", "warm.steps=2", "seed=2"), 0.7);
    HandRuns.run(runs, SOURCE, 3, List.of("add.count=4", "warm.steps=3", "seed=3"), 0.7);
    assertEquals(List.of("exp add.count=4, warm.steps=2: 2", "exp add.count=4, warm.steps=3: 1"),
        sizes(Comparison.groups(List.of(runs), new ArrayList<>())));
  }

  @Test
  void runsOfDifferentSourcesAreKeptApartLabelledByTheirSourceWithANote() throws Exception {
    Path runs = dir.resolve("runs");
    HandRuns.run(runs, SOURCE, 1, List.of("seed=1"), 0.5);
    HandRuns.run(runs, SOURCE, 2, List.of("seed=2"), 0.6);
    HandRuns.run(runs, EDITED, 1, List.of("seed=1"), 0.9);
    HandRuns.run(runs, EDITED, 1, List.of("kl.coef=1", "seed=1"), 0.9); // alone in its variant: no source label
    List<String> notes = new ArrayList<>();
    List<Summaries.Group> groups = Comparison.groups(List.of(runs), notes);
    String before = RunDirectory.sha256(SOURCE).substring(0, 8);
    String after = RunDirectory.sha256(EDITED).substring(0, 8);
    assertEquals(Set.of("exp (source " + before + "): 2", "exp (source " + after + "): 1", "exp kl.coef=1: 1"),
        Set.copyOf(sizes(groups)));
    assertEquals(1, notes.size(), notes.toString());
    assertTrue(notes.get(0).startsWith("the runs of exp ran 2 different sources of the experiment (the file was"
        + " edited between them): each source is a variant of its own"), notes.get(0));
  }

  @Test
  void aSweepsRunsFolderIsReadOneLevelDeeper() throws Exception {
    Path sweep = HandRuns.sweep(dir.resolve("sweeps"), 3);
    List<String> notes = new ArrayList<>();
    assertEquals(List.of("exp: 3"), sizes(Comparison.groups(List.of(sweep.resolve(Sweep.RUNS)), notes)));
    assertEquals(List.of(), notes);
  }

  @Test
  void aFileIsRefusedSayingWhatCompareTakes() throws IOException {
    Path file = Files.writeString(dir.resolve("q.verity"), SOURCE);
    Comparison.BadInput e = org.junit.jupiter.api.Assertions.assertThrows(Comparison.BadInput.class,
        () -> Comparison.groups(List.of(file), new ArrayList<>()));
    assertEquals(file + " is an experiment file, not a folder: compare takes run directories, sweep directories, or"
        + " folders of run directories such as runs/ (run the file first: `verity sweep " + file + " --seeds 5`)",
        e.getMessage());
  }
}
