package dev.verity.kernel.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.verity.engine.run.RecordedJar;
import dev.verity.engine.run.RunDirectory;
import dev.verity.kernel.sweep.Sweep;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code --classpath} on check, run, replay and sweep: a file naming a reward term of a user's jar checks only with
 * the jar, a run records the jar's SHA-256 in jars.json, a replay reruns with the recorded jar and refuses one that
 * differs, and a sweep gives the jar to each of its runs.
 */
class ClasspathTest {
  private static final String EXPERIMENT = """
      experiment "java-reward" seed 3
      task add = addition(digits: 1..1)
      model m = gpt(layers: 1, heads: 2, dim: 16, context: 16)
      reward r = exact_answer() + java("rewards.Constant")
      check r(prompt: "1+2=", response: "3", answer: "3") == 1.5
      sampling s = sample(max_tokens: 4, per_prompt: 2)
      rl m on add { reward: r, sampling: s, prompts: 2, steps: 2 }
      """;

  @TempDir Path dir;

  @Test
  void aRunRecordsItsJarAndAReplayRefusesAnotherJar() throws Exception {
    Path file = Files.writeString(dir.resolve("java.verity"), EXPERIMENT);
    Path jar = jar(0.5);

    Cli.Ran without = Cli.verity("check", file.toString());
    assertEquals(Verity.BAD_INPUT, without.exitCode(), without.all());
    assertTrue(without.err().contains("java.verity:4:34: error: no Java class 'rewards.Constant' (no Java classes"
        + " are given: pass a jar with --classpath lib/tasks.jar"), without.all());
    Cli.Ran missing = Cli.verity("check", file.toString(), "--classpath", dir.resolve("nowhere.jar").toString());
    assertEquals(Verity.BAD_INPUT, missing.exitCode(), missing.all());
    assertTrue(missing.err().contains("--classpath " + dir.resolve("nowhere.jar") + ": no such jar or folder"),
        missing.all());
    Cli.Ran checked = Cli.verity("check", file.toString(), "--classpath", jar.toString());
    assertEquals(Verity.DONE, checked.exitCode(), checked.all());

    Cli.Ran ran = Cli.verity("run", file.toString(), "--out", dir.resolve("runs").toString(), "--classpath",
        jar.toString());
    assertEquals(Verity.DONE, ran.exitCode(), ran.all());
    Path run;
    try (Stream<Path> runs = Files.list(dir.resolve("runs"))) {
      run = runs.findFirst().orElseThrow();
    }
    assertEquals(List.of(RecordedJar.of(jar)), RunDirectory.openReadOnly(run).readJars());
    assertTrue(Files.readString(run.resolve(RunDirectory.JARS)).contains(RecordedJar.sha256(jar)));

    Cli.Ran replayed = Cli.verity("replay", run.toString(), "--out", dir.resolve("replays").toString());
    assertEquals(Verity.DONE, replayed.exitCode(), replayed.all());
    assertTrue(replayed.out().contains("identical"), replayed.all());

    Path kept = Files.copy(jar, Files.createDirectories(dir.resolve("kept")).resolve("user.jar"));
    jar(0.25); // the same path, other classes: the user rebuilt it
    String was = RecordedJar.sha256(kept).substring(0, 12) + "…";
    String now = RecordedJar.sha256(jar).substring(0, 12) + "…";
    Cli.Ran refused = Cli.verity("replay", run.toString(), "--out", dir.resolve("replays").toString());
    assertEquals(Verity.BAD_INPUT, refused.exitCode(), refused.all());
    assertTrue(refused.err().contains("cannot replay: the jar " + jar + " has changed since the run (sha256"
        + " recorded in jars.json " + was + ", now " + now + "): its classes may score differently, so the numbers"
        + " could not be compared; restore the jar the run used (the one with sha256 " + was + ") at " + jar
        + ", or give a copy of it with --classpath COPY.jar"), refused.all());
    assertFalse(refused.err().contains("--classpath " + jar), "not the changed jar's own path: " + refused.all());
    // the advice given before, --classpath with the recorded path, is refused alike; so it is no longer given
    Cli.Ran same = Cli.verity("replay", run.toString(), "--classpath", jar.toString());
    assertEquals(Verity.BAD_INPUT, same.exitCode(), same.all());
    assertTrue(same.err().contains("has changed since the run"), same.all());
    // another path holding other classes is said as another jar
    Path other = Files.copy(jar, Files.createDirectories(dir.resolve("other")).resolve("user.jar"));
    Cli.Ran another = Cli.verity("replay", run.toString(), "--classpath", other.toString());
    assertEquals(Verity.BAD_INPUT, another.exitCode(), another.all());
    assertTrue(another.err().contains("cannot replay: the jar " + other + ", given for the user.jar the run used at "
        + jar + ", is another (sha256 recorded in jars.json " + was + ", given " + now + ")"), another.all());
    // the advice taken: a copy of the jar the run used, given with --classpath, replays
    Cli.Ran restored = Cli.verity("replay", run.toString(), "--classpath", kept.toString(), "--out",
        dir.resolve("replays").toString());
    assertEquals(Verity.DONE, restored.exitCode(), restored.all());
    assertTrue(restored.out().contains("identical"), restored.all());
    Cli.Ran none = Cli.verity("replay", run.toString(), "--classpath", dir.toString(), "--classpath", jar.toString());
    assertEquals(Verity.BAD_INPUT, none.exitCode(), none.all());
    assertTrue(none.err().contains("cannot replay: the run used 1 jar of Java classes (user.jar) but 2 are given"),
        none.all());
  }

  @Test
  void aSweepChecksTheFileWithItsJarAndEachRunIsGivenTheJarAndRecordsIt() throws Exception {
    Path file = Files.writeString(dir.resolve("java.verity"), EXPERIMENT);
    Path jar = jar(0.5);
    Path sweeps = dir.resolve("sweeps");

    Cli.Ran without = Cli.verity("sweep", file.toString(), "--seeds", "2", "--out", sweeps.toString());
    assertEquals(Verity.BAD_INPUT, without.exitCode(), without.all());
    assertTrue(without.err().startsWith(file + ":4:34: error: no Java class 'rewards.Constant' (no Java classes"
        + " are given: pass a jar with --classpath lib/tasks.jar"), without.all());
    assertFalse(Files.exists(sweeps), "nothing ran");

    // given relative to this folder: each run gets it absolute, wherever it starts (a Slurm task, in the sweep)
    Path relative = Path.of("").toAbsolutePath().relativize(jar);
    Cli.Ran swept = Cli.verity("sweep", file.toString(), "--seeds", "2", "--jobs", "2", "--threads", "1",
        "--classpath", relative.toString(), "--out", sweeps.toString());
    assertEquals(Verity.DONE, swept.exitCode(), swept.all());
    Path sweep;
    try (Stream<Path> made = Files.list(sweeps)) {
      sweep = made.findFirst().orElseThrow();
    }
    assertEquals(List.of(jar.toString()), Sweep.open(sweep).record().classpath());
    List<Path> runs;
    try (Stream<Path> files = Files.walk(sweep.resolve(Sweep.RUNS))) {
      runs = files.filter(f -> f.getFileName().toString().equals(RunDirectory.JARS)).map(Path::getParent).toList();
    }
    assertEquals(2, runs.size(), "both seeds' runs record their jars: " + runs);
    for (Path run : runs) {
      assertEquals(List.of(RecordedJar.of(jar)), RunDirectory.openReadOnly(run).readJars(), run.toString());
    }
    Cli.Ran resumed = Cli.verity("sweep", "--resume", sweep.toString(), "--classpath", jar.toString());
    assertEquals(Verity.BAD_INPUT, resumed.exitCode(), resumed.all());
    assertTrue(resumed.err().contains("its runs keep the jars the sweep was given"), resumed.all());
  }

  private Path jar(double value) throws IOException {
    return ConstantJar.build(dir, value);
  }
}
