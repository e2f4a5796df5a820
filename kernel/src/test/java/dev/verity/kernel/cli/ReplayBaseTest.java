package dev.verity.kernel.cli;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.verity.engine.run.RunDirectory;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.FileTime;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.stream.Stream;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code verity replay} of a run that reads user data and saves a checkpoint: copied to another place with a
 * base_dir this machine lacks, it replays with {@code --base} and says where it looked without; and a replay's
 * save goes into its own run directory, leaving the recorded save target alone.
 */
class ReplayBaseTest {
  static final String SHARED = """
      experiment "shared" seed 4
      task mine = jsonl("data/problems.jsonl", prompt: "q", answer: "a")
      model policy = gpt(layers: 1, heads: 2, dim: 32, context: 32)
      sft warm: policy on mine { steps: 3, batch: 4 }
      save policy to "ck/policy"
      load policy from "ck/policy"
      """;

  @TempDir static Path dir;
  static Path project;
  static Path recorded;
  static Path saved;
  static byte[] savedBytes;
  static FileTime savedTime;

  @BeforeAll
  static void recordARunThatReadsDataAndSaves() throws IOException {
    project = Files.createDirectories(dir.resolve("project"));
    List<String> problems = new ArrayList<>();
    for (int i = 0; i < 20; i++) {
      problems.add("{\"q\": \"" + i + "+" + (i % 7) + "=\", \"a\": \"" + (i + i % 7) + "\"}");
    }
    Files.write(Files.createDirectories(project.resolve("data")).resolve("problems.jsonl"), problems);
    Path file = Files.writeString(project.resolve("shared.verity"), SHARED);
    Cli.Ran ran = Cli.verity("run", file.toString(), "--out", dir.resolve("runs").toString());
    assertEquals(Verity.DONE, ran.exitCode(), ran.all());
    recorded = only(dir.resolve("runs"));
    saved = project.resolve("ck/policy");
    savedBytes = Files.readAllBytes(saved);
    savedTime = Files.getLastModifiedTime(saved);
  }

  @Test
  void aCopiedRunWithAnotherMachinesBaseDirReplaysWithBase() throws IOException {
    Path copied = copiedWithBaseDir("alice", "/home/alice/verity");
    Cli.Ran replay = Cli.verity("replay", copied.toString(), "--out", dir.resolve("alice-replays").toString(),
        "--base", project.toString());
    assertEquals(Verity.DONE, replay.exitCode(), replay.all());
    assertTrue(replay.out().strip().endsWith("\nidentical"), replay.all());
    Path replayed = only(dir.resolve("alice-replays"));
    assertEquals(Optional.of(project), RunDirectory.openReadOnly(replayed).manifest().baseDir(), "what it used");
    assertFalse(Files.exists(Path.of("/home/alice/verity")), "nothing written at the recorded base_dir");
  }

  @Test
  void withoutBaseAMissingFileNamesTheFolderSearchedAndTheFixAndExits1() throws IOException {
    Path copied = copiedWithBaseDir("bob", "/home/alice/verity");
    Cli.Ran replay = Cli.verity("replay", copied.toString(), "--out", dir.resolve("bob-replays").toString());
    assertEquals(Verity.FAILED, replay.exitCode(), "the replay did not finish: " + replay.all());
    Path here = Path.of("").toAbsolutePath();
    assertEquals("verity: note: the recorded base_dir /home/alice/verity is not on this machine; relative paths"
        + " resolve against the current folder " + here + " (--base FOLDER changes it)", replay.errLines().get(0));
    assertTrue(replay.err().contains(copied.resolve(RunDirectory.SOURCE) + ":2:19: error: no such file:"
        + " data/problems.jsonl (relative paths resolve against the current folder " + here + ", as the recorded"
        + " base_dir /home/alice/verity is not on this machine; give --base FOLDER to read them from another"
        + " folder)"), replay.all());
    assertFalse(replay.err().contains("relative to the file's folder"), "a replay's folder is not the file's");
    assertTrue(replay.err().contains("verity: the replay did not finish, so nothing was compared"), replay.all());
  }

  @Test
  void theRecordedBaseDirIsNamedWhenItLacksTheData() throws IOException {
    Path elsewhere = Files.createDirectories(dir.resolve("elsewhere"));
    Path copied = copiedWithBaseDir("carol", elsewhere.toString());
    Cli.Ran replay = Cli.verity("replay", copied.toString(), "--out", dir.resolve("carol-replays").toString());
    assertEquals(Verity.FAILED, replay.exitCode(), replay.all());
    assertTrue(replay.err().contains("no such file: data/problems.jsonl (relative paths resolve against "
        + elsewhere + ", the folder the run recorded (base_dir); give --base FOLDER"), replay.all());
  }

  @Test
  void aBadCommandLineIsExit2() {
    Cli.Ran noFolder = Cli.verity("replay", recorded.toString(), "--out", dir.resolve("never").toString(),
        "--base", dir.resolve("no-such-folder").toString());
    assertEquals(Verity.BAD_INPUT, noFolder.exitCode(), noFolder.all());
    assertEquals(List.of("verity: --base " + dir.resolve("no-such-folder") + ": no such folder"),
        noFolder.errLines());
    Cli.Ran notARun = Cli.verity("replay", project.toString(), "--out", dir.resolve("never").toString());
    assertEquals(Verity.BAD_INPUT, notARun.exitCode(), notARun.all());
    Cli.Ran runWithBase = Cli.verity("run", project.resolve("shared.verity").toString(), "--base", dir.toString());
    assertEquals(Verity.BAD_INPUT, runWithBase.exitCode(), runWithBase.all());
    assertFalse(Files.exists(dir.resolve("never")), "nothing ran");
  }

  @Test
  void aReplaySavesIntoItsOwnRunDirectoryAndLoadsItBack() throws IOException {
    Cli.Ran replay = Cli.verity("replay", recorded.toString(), "--out", dir.resolve("own-replays").toString());
    assertEquals(Verity.DONE, replay.exitCode(), replay.all());
    assertTrue(replay.out().strip().endsWith("\nidentical"), replay.all());
    Path replayed = only(dir.resolve("own-replays"));
    Path copy = replayed.resolve("saved/ck/policy");
    assertArrayEquals(savedBytes, Files.readAllBytes(copy), "the same weights, saved in the replay's directory");
    assertArrayEquals(savedBytes, Files.readAllBytes(saved), "the recorded save target is untouched");
    assertEquals(savedTime, Files.getLastModifiedTime(saved), "and not rewritten");
    assertTrue(replay.out().contains("saved policy (") && replay.out().contains(" to " + copy
        + " (the replay's copy of " + saved + ", left untouched)"), replay.all());
    assertTrue(replay.out().contains("loaded policy from " + copy), "the load reads the copy: " + replay.all());
    assertTrue(replay.out().contains("saves: " + replayed.resolve("saved")), replay.all());
  }

  /** The recorded run copied to {@code name}, its manifest's base_dir set to {@code baseDir}. */
  private static Path copiedWithBaseDir(String name, String baseDir) throws IOException {
    Path to = dir.resolve(name);
    try (Stream<Path> files = Files.walk(recorded)) {
      for (Path p : files.toList()) {
        Files.copy(p, to.resolve(recorded.relativize(p).toString()));
      }
    }
    Path manifest = to.resolve(RunDirectory.MANIFEST);
    String json = Files.readString(manifest);
    String recordedBase = "\"base_dir\" : \"" + project + "\"";
    assertTrue(json.contains(recordedBase), json);
    Files.writeString(manifest, json.replace(recordedBase, "\"base_dir\" : \"" + baseDir + "\""));
    return to;
  }

  private static Path only(Path runs) throws IOException {
    try (Stream<Path> dirs = Files.list(runs)) {
      return dirs.findFirst().orElseThrow();
    }
  }
}
