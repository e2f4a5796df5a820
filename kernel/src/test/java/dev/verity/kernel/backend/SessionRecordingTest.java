package dev.verity.kernel.backend;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import dev.verity.dsl.Compilation;
import dev.verity.dsl.Compiler;
import dev.verity.dsl.Overrides;
import dev.verity.dsl.exec.Cells;
import dev.verity.dsl.exec.ExecutionListener;
import dev.verity.dsl.exec.Outcome;
import dev.verity.dsl.exec.Session;
import dev.verity.engine.run.Manifest;
import dev.verity.engine.run.RunDirectory;
import dev.verity.engine.run.RunSettings;
import dev.verity.engine.run.RunStatus;
import dev.verity.engine.train.StepMetrics;
import dev.verity.kernel.jupyter.KernelTestKit;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Optional;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Each notebook session writes a run directory as it goes, replayable from its experiment.verity. */
class SessionRecordingTest {
  @TempDir Path dir;

  @Test
  void theFirstCellsExperimentNamesTheRunAndEveryCellThatCompiledIsAppended() throws IOException {
    RunDirectory run;
    try (Tiny.Session s = Tiny.open(dir)) {
      s.ok("experiment \"adder\" seed 5\n" + Tiny.DECLARE);
      s.error("reward broken = corect");
      s.ok("\n\ncheck correct(prompt: \"1+1=\", response: \"2\", answer: \"2\") == 1\n\n");
      run = onlyRun();
      assertTrue(run.path().getFileName().toString().startsWith("adder-"), run.path().toString());
      Manifest running = run.manifest();
      assertEquals(RunStatus.RUNNING, running.status());
      assertEquals(5, running.seed());
      assertEquals("# %% cell[1]\nexperiment \"adder\" seed 5\n" + Tiny.DECLARE
          + "\n# %% cell[3]\ncheck correct(prompt: \"1+1=\", response: \"2\", answer: \"2\") == 1\n", run.source());
    }
    assertEquals(RunStatus.DONE, run.manifest().status(), "closing the kernel ends the run");
  }

  @Test
  void withoutAnExperimentTheRunIsCalledNotebookAndStartsOnlyWhenACellCompiles() throws IOException {
    try (Tiny.Session s = Tiny.open(dir)) {
      s.error("reward broken = corect");
      assertFalse(Files.exists(dir.resolve("runs")), "a cell that did not compile starts no run");
      s.ok("reward r = exact_answer()");
      assertTrue(onlyRun().path().getFileName().toString().startsWith("notebook-"));
    }
  }

  @Test
  void aLaterExperimentStatementWithAnotherNameSaysItOnlyReseeds() throws IOException {
    try (Tiny.Session s = Tiny.open(dir)) {
      s.ok("experiment \"first\" seed 1\nreward r = exact_answer()");
      List<KernelTestKit.Sent> sent = s.kit().execute("experiment \"second\" seed 2");
      String printed = sent.stream().filter(m -> m.type().equals("stream"))
          .map(m -> m.content().path("text").asText()).reduce("", String::concat);
      assertTrue(printed.contains("cell[2]:1:1: warning: this session's run is already named 'first': this experiment"
          + " statement sets the seed of what follows (seed 2, as %seed 2 would) but not the run's name; restart the"
          + " kernel to record a run named 'second'"), printed);
      String again = s.kit().execute("experiment \"first\" seed 3").stream().filter(m -> m.type().equals("stream"))
          .map(m -> m.content().path("text").asText()).reduce("", String::concat);
      assertFalse(again.contains("already named"), again); // re-seeding under the run's own name is what %seed does
      assertTrue(onlyRun().path().getFileName().toString().startsWith("first-"));
    }
  }

  @Test
  void seedIsRecordedAsDslAndAFirstCellsExperimentStillNamesTheRun() throws IOException {
    try (Tiny.Session s = Tiny.open(dir)) {
      s.ok("%seed 11\nexperiment \"named\" seed 11\nreward r = exact_answer()");
      s.ok("%seed 12");
      RunDirectory run = onlyRun();
      assertTrue(run.path().getFileName().toString().startsWith("named-"), run.path().toString());
      assertEquals(11, run.manifest().seed());
      assertEquals("""
          # %% %seed 11
          experiment "named" seed 11

          # %% cell[1]
          experiment "named" seed 11
          reward r = exact_answer()

          # %% %seed 12
          experiment "named" seed 12
          """, run.source());
      assertTrue(run.source().lines().noneMatch(l -> l.startsWith("%")), "no magic in the replayable source");
    }
  }

  @Test
  void anExportedSessionCompilesAndReplaysToTheSameNumbers() throws IOException {
    List<StepMetrics> live;
    try (Tiny.Session s = Tiny.open(dir)) {
      s.ok("%seed 7\n" + Tiny.DECLARE);
      s.ok(Tiny.sft("warm", 3));
      s.error("plot nothing by step");
      s.ok("%export exported/session.verity");
      live = onlyRun().records().metrics();
    }
    Path exported = dir.resolve("exported/session.verity");
    String text = Files.readString(exported);
    assertTrue(text.lines().noneMatch(l -> l.startsWith("%")), text);
    Compilation compiled = Compiler.compile(text, "session.verity", dir);
    assertTrue(compiled.ok(), compiled.diagnostics().render());

    try (Session replay = new Session(dir, Optional.empty())) {
      Outcome outcome = Cells.run(replay, text, "session.verity", Overrides.NONE, ExecutionListener.NONE);
      assertTrue(outcome instanceof Outcome.Done, outcome::toString);
      List<Double> replayed = replay.stage("warm").orElseThrow().metrics().stream().map(StepMetrics::loss).toList();
      assertEquals(live.stream().map(StepMetrics::loss).toList(), replayed);
    }
  }

  @Test
  void exportBeforeAnythingRanSaysWhatToDo() {
    try (Tiny.Session s = Tiny.open(dir)) {
      String message = s.error("%export early.verity").path("evalue").asText();
      assertEquals("%export: nothing has run in this session yet: run some cells, then export them", message);
    }
  }

  @Test
  void runsListsTheRunsWithStatusAndSteps() throws IOException {
    Path other = Files.createDirectories(dir.resolve("runs"));
    RunDirectory old = RunDirectory.create(other, "older");
    old.start(RunSettings.of(1, 1, "cpu()"), Manifest.Versions.current());
    old.finish(RunStatus.INTERRUPTED);
    try (Tiny.Session s = Tiny.open(dir)) {
      s.ok(Tiny.DECLARE + Tiny.sft("warm", 2));
      String table = Tiny.texts(s.ok("%runs")).get(0);
      String mine = onlyRun("notebook").path().getFileName().toString();
      assertTrue(table.contains(old.path().getFileName().toString()) && table.contains("interrupted"), table);
      assertTrue(table.lines().anyMatch(l -> l.contains(mine) && l.contains("running") && l.contains(" 2 ")), table);
    }
  }

  @Test
  void runRunsAFileInTheSessionWithItsNameInDiagnostics() throws IOException {
    Files.writeString(dir.resolve("rewards.verity"), "reward correct = exact_answer()\n");
    Files.writeString(dir.resolve("broken.verity"), "reward ok = exact_answer()\n\nreward bad = ok *\n");
    try (Tiny.Session s = Tiny.open(dir)) {
      s.ok("%run rewards.verity");
      List<String> shown = Tiny.texts(s.ok("check correct(prompt: \"1+1=\", response: \"2\", answer: \"2\") == 1"));
      assertTrue(shown.get(0).startsWith("✓ passed"), shown::toString);
      String error = s.error("%run broken.verity").path("evalue").asText();
      assertTrue(error.startsWith("broken.verity:3:"), error);
      JsonNode noFile = s.error("# the file is missing\n%run nowhere.verity");
      String missing = noFile.path("evalue").asText();
      assertTrue(missing.startsWith("%run: no file " + dir.resolve("nowhere.verity")), missing);
      String placed = noFile.path("traceback").get(0).asText(); // the cell's line and the path's column
      assertTrue(placed.matches("cell\\[\\d+]:2:6: error: %run: no file .*"), placed);
      assertEquals("       ^^^^^^^^^^^^^^", noFile.path("traceback").get(2).asText());
      assertTrue(onlyRun().source().contains("# %% %run rewards.verity\nreward correct = exact_answer()\n"));
    }
  }

  @Test
  void overridesFromTheEnvironmentApplyToEveryCellThatHoldsTheirTargetAndAreRecorded() throws IOException {
    try (Tiny.Session s = Tiny.open(dir, "sft.steps=2", "explore.per_prompt=3")) {
      s.ok(Tiny.DECLARE);
      s.ok("reward other = exact_answer()");
      s.ok(Tiny.sft("warm", 50));
      RunDirectory run = onlyRun();
      assertEquals(List.of("sft.steps=2", "explore.per_prompt=3"), run.manifest().overrides());
      assertEquals(2, run.records().metrics().size(), "sft.steps=2 shortened the stage");
    }
  }

  @Test
  void aBadOverrideFromTheEnvironmentIsNamedAfterTheVariable() {
    try (Tiny.Session s = Tiny.open(dir, "sft.steps=0")) {
      s.ok(Tiny.DECLARE);
      String error = s.error(Tiny.sft("warm", 5)).path("evalue").asText();
      assertTrue(error.startsWith("VERITY_SET sft.steps:1:11: error: 'steps' must be ≥ 1, got 0"), error);
    }
  }

  @Test
  void veritySetIsSplitAtSemicolons() {
    assertEquals(List.of("sft.steps=20", "rl.steps=3"), DslBackend.overrides(" sft.steps=20; rl.steps=3 ;"));
    assertEquals(List.of(), DslBackend.overrides(null));
  }

  private RunDirectory onlyRun() throws IOException {
    try (Stream<Path> runs = Files.list(dir.resolve("runs"))) {
      List<Path> all = runs.toList();
      assertEquals(1, all.size(), all::toString);
      return RunDirectory.openReadOnly(all.get(0));
    }
  }

  private RunDirectory onlyRun(String experiment) throws IOException {
    try (Stream<Path> runs = Files.list(dir.resolve("runs"))) {
      List<Path> named = runs.filter(p -> p.getFileName().toString().startsWith(experiment + "-")).toList();
      assertEquals(1, named.size(), named::toString);
      return RunDirectory.openReadOnly(named.get(0));
    }
  }
}
