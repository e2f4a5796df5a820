package dev.verity.engine.run;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.HexFormat;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.atomic.AtomicReference;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** manifest.json: what it holds, how its status moves, and how the source hash follows experiment.verity. */
class ManifestTest {
  @TempDir Path runs;

  /** A clock the test moves by hand. */
  private static final class Ticking extends Clock {
    final AtomicReference<Instant> now = new AtomicReference<>(Instant.parse("2025-03-14T09:26:53Z"));

    void advance(Duration d) {
      now.updateAndGet(t -> t.plus(d));
    }

    @Override
    public Instant instant() {
      return now.get();
    }

    @Override
    public ZoneOffset getZone() {
      return ZoneOffset.UTC;
    }

    @Override
    public Clock withZone(java.time.ZoneId zone) {
      throw new UnsupportedOperationException();
    }
  }

  private static String sha256(String text) throws Exception {
    return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(text.getBytes(StandardCharsets.UTF_8)));
  }

  @Test
  void startWritesEverythingAReaderNeedsAsPrettySnakeCaseJson() throws Exception {
    RunDirectory run = RunDirectory.create(runs, "long-cot addition", Samples.CLOCK);
    run.writeSource("experiment \"long-cot addition\" seed 7\n");
    Manifest m = run.start(RunSettings.of(7, 2, "cpu()").withOverrides(List.of("rl.steps=10", "lr=1e-3", "rl.steps=20")), Samples.VERSIONS);

    assertEquals(m, run.manifest());
    assertEquals("long-cot addition", m.experiment(), "the name as written, not the file-safe one");
    assertEquals(sha256("experiment \"long-cot addition\" seed 7\n"), m.sourceSha256());
    assertEquals(List.of("rl.steps=10", "lr=1e-3", "rl.steps=20"), m.overrides(), "in the order given");
    assertEquals(RunStatus.RUNNING, m.status());
    assertEquals(Optional.empty(), m.endedAt());

    String text = Files.readString(run.manifestFile());
    assertTrue(text.contains("\n  \"source_sha256\" : \""), "pretty-printed: " + text);
    JsonNode json = new ObjectMapper().readTree(text);
    assertEquals(List.of("experiment", "source_sha256", "seed", "overrides", "versions", "threads", "device",
        "checkpoint_every", "keep_checkpoints", "started_at", "ended_at", "status", "error", "stages"), List.copyOf(iterable(json.fieldNames())));
    assertEquals("2025-03-14T09:26:53Z", json.get("started_at").asText());
    assertEquals("running", json.get("status").asText());
    assertTrue(json.get("ended_at").isNull());
    assertEquals("2.7.1", json.get("versions").get("pytorch").asText());
    assertThrows(IllegalStateException.class, () -> run.start(RunSettings.of(8, 1, "cpu()"), Samples.VERSIONS),
        "a run starts once");
  }

  /** Rewrites the manifest as a version before {@code field} existed wrote it, and reads it back. */
  private static Manifest olderManifest(RunDirectory run, String field) throws Exception {
    ObjectMapper mapper = new ObjectMapper();
    ObjectNode json = (ObjectNode) mapper.readTree(Files.readString(run.manifestFile()));
    json.remove(field);
    Files.writeString(run.manifestFile(), mapper.writeValueAsString(json));
    return RunDirectory.openReadOnly(run.path()).manifest();
  }

  private static void assertEndsWith(String actual, String suffix) {
    assertTrue(actual.endsWith(suffix), actual);
  }

  private static <T> List<T> iterable(java.util.Iterator<T> it) {
    List<T> out = new java.util.ArrayList<>();
    it.forEachRemaining(out::add);
    return out;
  }

  @Test
  void theBaseFolderIsRecordedAbsoluteAndKeptThroughStatusChanges() throws Exception {
    RunDirectory run = RunDirectory.create(runs, "based", Samples.CLOCK);
    Manifest started = run.start(RunSettings.of(1, 1, "cpu()"), Samples.VERSIONS);
    assertEquals(Optional.empty(), started.baseDir(), "not recorded unless a writer records it");
    assertFalse(Files.readString(run.manifestFile()).contains("base_dir"), "absent, not null, when not recorded");

    run.updateManifest(m -> m.withBaseDir(Path.of("experiments/../experiments/add")));
    Manifest done = run.finish(RunStatus.DONE);
    Path expected = Path.of("experiments/add").toAbsolutePath();
    assertEquals(Optional.of(expected), done.baseDir());
    assertEquals(done, RunDirectory.openReadOnly(run.path()).manifest());
    JsonNode json = new ObjectMapper().readTree(Files.readString(run.manifestFile()));
    assertEquals(expected.toString(), json.get("base_dir").asText());
  }

  @Test
  void aReplayRecordsTheRunItReplaysAndOtherRunsAndOlderManifestsDoNot() throws Exception {
    RunDirectory run = RunDirectory.create(runs, "plain", Samples.CLOCK);
    assertEquals(Optional.empty(), run.start(RunSettings.of(1, 1, "cpu()"), Samples.VERSIONS).replayOf());
    assertFalse(Files.readString(run.manifestFile()).contains("replay_of"), "absent, not null, when not a replay");

    RunDirectory replay = RunDirectory.create(runs, "again", Samples.CLOCK);
    Manifest started = replay.start(RunSettings.of(1, 1, "cpu()").withReplayOf("plain-1"), Samples.VERSIONS);
    assertEquals(Optional.of("plain-1"), started.replayOf());
    Manifest done = replay.finish(RunStatus.DONE);
    assertEquals(Optional.of("plain-1"), done.replayOf(), "kept through the status change");
    assertEquals(done, RunDirectory.openReadOnly(replay.path()).manifest());
    JsonNode json = new ObjectMapper().readTree(Files.readString(replay.manifestFile()));
    assertEquals("plain-1", json.get("replay_of").asText());
    assertEquals(Optional.empty(), olderManifest(replay, "replay_of").replayOf(), "an older manifest reads");
  }

  @Test
  void theCheckpointIntervalIsRecordedAndReadBackButAbsentFromOlderManifests() throws Exception {
    RunDirectory run = RunDirectory.create(runs, "every", Samples.CLOCK);
    Manifest started = run.start(RunSettings.of(1, 1, "cpu()"), Samples.VERSIONS);
    assertEquals(Optional.of(RunSettings.DEFAULT_CHECKPOINT_EVERY), started.checkpointEvery(), "the default is recorded");
    assertEquals(Optional.empty(), olderManifest(run, "checkpoint_every").checkpointEvery(), "absent, not null");

    run.updateManifest(m -> m.withCheckpointEvery(5));
    Manifest done = run.finish(RunStatus.DONE);
    assertEquals(Optional.of(5), done.checkpointEvery(), "kept through the status change");
    assertEquals(done, RunDirectory.openReadOnly(run.path()).manifest());
    JsonNode json = new ObjectMapper().readTree(Files.readString(run.manifestFile()));
    assertEquals(5, json.get("checkpoint_every").asInt());
  }

  @Test
  void theCheckpointsKeptAreRecordedAsANumberOrAllAndAbsentFromOlderManifests() throws Exception {
    RunDirectory run = RunDirectory.create(runs, "keep", Samples.CLOCK);
    Manifest started = run.start(RunSettings.of(1, 1, "cpu()"), Samples.VERSIONS);
    assertEquals(Optional.of(new KeepCheckpoints(1)), started.keepCheckpoints(), "the default is recorded");
    assertEquals(Optional.empty(), olderManifest(run, "keep_checkpoints").keepCheckpoints(), "absent, not null");

    run.updateManifest(m -> m.withKeepCheckpoints(new KeepCheckpoints(3)));
    assertEquals(3, new ObjectMapper().readTree(Files.readString(run.manifestFile())).get("keep_checkpoints").asInt());
    run.updateManifest(m -> m.withKeepCheckpoints(KeepCheckpoints.ALL));
    Manifest done = run.finish(RunStatus.DONE);
    assertEquals(Optional.of(KeepCheckpoints.ALL), done.keepCheckpoints(), "kept through the status change");
    assertEquals(done, RunDirectory.openReadOnly(run.path()).manifest());
    JsonNode json = new ObjectMapper().readTree(Files.readString(run.manifestFile()));
    assertEquals("all", json.get("keep_checkpoints").asText());

    Files.writeString(run.manifestFile(), Files.readString(run.manifestFile()).replace("\"all\"", "0"));
    RunFormatException bad = assertThrows(RunFormatException.class,
        () -> RunDirectory.openReadOnly(run.path()).manifest());
    assertTrue(bad.getMessage().contains("keep_checkpoints is 0; expected 'all' or 1 or more"), bad.getMessage());
  }

  @Test
  void statusMovesFromRunningToAnEndAndBackOnResumeButNotPastDone() throws Exception {
    Ticking clock = new Ticking();
    RunDirectory run = RunDirectory.create(runs, "status", clock);
    run.start(RunSettings.of(1, 1, "cpu()"), Samples.VERSIONS);

    clock.advance(Duration.ofSeconds(90));
    Manifest failed = run.fail("ran out of memory at step 12");
    assertEquals(RunStatus.FAILED, run.manifest().status());
    assertEquals(Optional.of("ran out of memory at step 12"), run.manifest().error());
    assertEquals(Optional.of(Instant.parse("2025-03-14T09:28:23Z")), failed.endedAt());
    assertThrows(IllegalStateException.class, () -> run.finish(RunStatus.DONE), "a failed run must resume first");

    clock.advance(Duration.ofSeconds(10));
    Manifest resumed = RunDirectory.open(run.path(), clock).resume();
    assertEquals(RunStatus.RUNNING, resumed.status());
    assertEquals(Optional.empty(), resumed.endedAt());
    assertEquals(Optional.empty(), resumed.error(), "the old error goes with the failure");
    assertEquals(Instant.parse("2025-03-14T09:26:53Z"), resumed.startedAt(), "the start time stays");

    run.finish(RunStatus.INTERRUPTED);
    run.resume();
    clock.advance(Duration.ofSeconds(5));
    Manifest done = run.finish(RunStatus.DONE);
    assertEquals(Optional.of(Instant.parse("2025-03-14T09:28:38Z")), done.endedAt());
    assertEquals(done, run.manifest());
    IllegalStateException refused = assertThrows(IllegalStateException.class, run::resume);
    assertTrue(refused.getMessage().contains("is done and cannot become running"), refused.getMessage());
    assertThrows(IllegalArgumentException.class, () -> run.finish(RunStatus.FAILED), "a failure needs its message");
  }

  @Test
  void aRunKilledWhileRunningResumesAsRunning() throws Exception {
    RunDirectory run = RunDirectory.create(runs, "killed", Samples.CLOCK);
    Manifest started = run.start(RunSettings.of(1, 1, "cpu()"), Samples.VERSIONS);
    assertEquals(started, RunDirectory.open(run.path()).resume());
  }

  @Test
  void theTimelineListsStagesInTheOrderTheyFirstRecorded() throws Exception {
    RunDirectory run = RunDirectory.create(runs, "timeline", Samples.CLOCK);
    IllegalStateException early =
        assertThrows(IllegalStateException.class, () -> run.appendMetrics(Samples.metrics("sft", 0)));
    assertTrue(early.getMessage().endsWith(": start() the run before recording its steps"), early.getMessage());

    run.start(RunSettings.of(1, 1, "cpu()"), Samples.VERSIONS);
    run.appendMetrics(Samples.metrics("sft", 0));
    run.appendMetrics(Samples.metrics("sft", 1));
    run.appendEval(Samples.eval("eval add_test", 0));
    run.appendRollouts(Samples.rollouts("rl", 0, 2, 5));
    run.appendMetrics(Samples.metrics("rl", 0));
    run.appendEval(Samples.eval("sft", 2));
    assertEquals(List.of("sft", "eval add_test", "rl"), run.manifest().stages());
    assertEquals(List.of("sft", "eval add_test", "rl"), RunDirectory.open(run.path()).manifest().stages());
  }

  @Test
  void statusesFollowTheirRules() {
    for (RunStatus from : RunStatus.values()) {
      for (RunStatus to : RunStatus.values()) {
        boolean expected = from == RunStatus.RUNNING ? to != RunStatus.RUNNING
            : to == RunStatus.RUNNING && from != RunStatus.DONE;
        assertEquals(expected, from.canBecome(to), from + " -> " + to);
      }
      assertEquals(from, RunStatus.of(from.label()));
    }
    IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> RunStatus.of("finished"));
    assertEquals("unknown run status 'finished' (expected running, done, failed or interrupted)", e.getMessage());
  }

  @Test
  void notebookCellsAppendAfterABlankLineAndTheHashFollows() throws Exception {
    RunDirectory run = RunDirectory.create(runs, "notebook", Samples.CLOCK);
    run.appendSource("experiment \"notebook\" seed 3");
    run.start(RunSettings.of(3, 2, "cpu()"), Samples.VERSIONS);
    run.appendSource("task add = addition(digits: 2..3)\n");
    run.appendSource("model policy = gpt(layers: 1, heads: 1, dim: 16, context: 32)\n");
    String expected = "experiment \"notebook\" seed 3\n\ntask add = addition(digits: 2..3)\n\n"
        + "model policy = gpt(layers: 1, heads: 1, dim: 16, context: 32)\n";
    assertEquals(expected, run.source());
    // one forced append a cell: the manifest takes the hash at its next write (a session's cells, headed `# %%`,
    // are accepted until then: see the next test)
    assertEquals(sha256(expected), run.finish(RunStatus.DONE).sourceSha256());
  }

  @Test
  void aSourceIsTheRecordedOneFollowedOnlyByAppendedCells() throws Exception {
    String recorded = "# %% cell[1]\ntask add = addition(digits: 2..3)\n";
    String later = recorded + "\n# %% cell[2]\nmodel m = gpt()\n\n# verity: stopped s after step 2 of 9\n";
    assertTrue(RunDirectory.isRecordedSource(recorded, sha256(recorded)));
    assertTrue(RunDirectory.isRecordedSource(later, sha256(recorded)), "cells appended after the last write");
    assertTrue(RunDirectory.isRecordedSource(later, sha256("")), "the first cell before any write");
    assertFalse(RunDirectory.isRecordedSource(later.replace("2..3", "2..4"), sha256(recorded)), "edited");
    assertFalse(RunDirectory.isRecordedSource(recorded + "\nreward r = exact_answer()\n", sha256(recorded)),
        "lines added that no session appends");
  }

  @Test
  void openRepairsAHashLeftStaleByACrashBetweenSourceAndManifest() throws Exception {
    RunDirectory run = RunDirectory.create(runs, "stale", Samples.CLOCK);
    run.writeSource("a\n");
    run.start(RunSettings.of(1, 1, "cpu()"), Samples.VERSIONS);
    Files.writeString(run.sourceFile(), "a\n\nb\n"); // the source was replaced, then the process died
    assertFalse(run.manifest().sourceSha256().equals(sha256("a\n\nb\n")));
    assertEquals(sha256("a\n\nb\n"), RunDirectory.open(run.path()).manifest().sourceSha256());
  }

  @Test
  void aDamagedManifestIsAnErrorNamingTheFileAndTheProblem() throws Exception {
    RunDirectory run = RunDirectory.create(runs, "damaged", Samples.CLOCK);
    RunFormatException missing = assertThrows(RunFormatException.class, run::manifest);
    assertTrue(missing.getMessage().endsWith("manifest.json: missing; the run was never started (no manifest was"
        + " written)"), missing.getMessage());

    run.start(RunSettings.of(1, 1, "cpu()"), Samples.VERSIONS);
    String good = Files.readString(run.manifestFile());
    Files.writeString(run.manifestFile(), good.replace("\"running\"", "\"finished\""));
    assertEndsWith(assertThrows(RunFormatException.class, run::manifest).getMessage(),
        "manifest.json: unknown run status 'finished' (expected running, done, failed or interrupted)");
    Files.writeString(run.manifestFile(), good.replace("\"seed\" : 1,", ""));
    assertEndsWith(assertThrows(RunFormatException.class, run::manifest).getMessage(),
        "manifest.json: 'seed' is missing");
    Files.writeString(run.manifestFile(), good.replace("\"djl\" : \"0.36.0\",", ""));
    assertEndsWith(assertThrows(RunFormatException.class, run::manifest).getMessage(),
        "manifest.json: 'versions.djl' is missing");
    Files.writeString(run.manifestFile(), good.substring(0, 40)); // cut in the key on line 3
    String cut = assertThrows(RunFormatException.class, run::manifest).getMessage();
    assertTrue(cut.endsWith("manifest.json:3: not a Verity manifest: the JSON ends early (the file was cut, or is a"
        + " partial copy)"), cut);
    Files.writeString(run.manifestFile(), good.replace("\"seed\" : 1,", "\"seed\" : \"abc\","));
    assertEndsWith(assertThrows(RunFormatException.class, run::manifest).getMessage(),
        "manifest.json:4: not a Verity manifest: 'seed' is \"abc\", not a whole number");
    Files.writeString(run.manifestFile(), good.replace("\"stages\" : [", "\"stages\" : 7, \"x\" : ["));
    assertTrue(assertThrows(RunFormatException.class, run::manifest).getMessage()
        .contains("not a Verity manifest: 'stages' is not a list [...]"));
  }

  @Test
  void currentVersionsNameThisBuildAndTheLoadedEngine() {
    Manifest.Versions v = Manifest.Versions.current();
    assertEquals("2.7.1", v.pytorch());
    assertEquals("0.36.0", v.djl());
    assertEquals(System.getProperty("java.version"), v.java());
    assertTrue(v.verity().matches("[0-9]+\\.[0-9]+\\.[0-9]+.*"), v.verity());
  }
}
