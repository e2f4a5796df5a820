package dev.verity.kernel.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.verity.engine.run.RecordedJar;
import dev.verity.engine.run.RunDirectory;
import dev.verity.engine.task.Task;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.jar.JarEntry;
import java.util.jar.JarOutputStream;
import java.util.stream.Stream;
import javax.tools.ToolProvider;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code --classpath} on check, run and replay: a file naming a reward term of a user's jar checks only with the
 * jar, a run records the jar's SHA-256 in jars.json, a replay reruns with the recorded jar and refuses one that
 * differs.
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

    jar(0.25); // the same path, other classes
    Cli.Ran refused = Cli.verity("replay", run.toString(), "--out", dir.resolve("replays").toString());
    assertEquals(Verity.BAD_INPUT, refused.exitCode(), refused.all());
    assertTrue(refused.err().contains("cannot replay: the jar " + jar + " differs from the user.jar the run used"
        + " (sha256 "), refused.all());
    Cli.Ran none = Cli.verity("replay", run.toString(), "--classpath", dir.toString(), "--classpath", jar.toString());
    assertEquals(Verity.BAD_INPUT, none.exitCode(), none.all());
    assertTrue(none.err().contains("cannot replay: the run used 1 jar of Java classes (user.jar) but 2 are given"),
        none.all());
  }

  /** {@code dir/user.jar} holding {@code rewards.Constant}, a reward term scoring {@code value}. */
  private Path jar(double value) throws IOException {
    Path src = Files.createDirectories(dir.resolve("src/rewards"));
    Files.writeString(src.resolve("Constant.java"), """
        package rewards;
        public class Constant implements dev.verity.engine.user.RewardFunction {
          public double score(dev.verity.engine.reward.Rollout rollout) {
            return %s;
          }
        }
        """.formatted(value));
    Path classes = dir.resolve("classes");
    String engine;
    try {
      engine = Path.of(Task.class.getProtectionDomain().getCodeSource().getLocation().toURI()).toString();
    } catch (java.net.URISyntaxException e) {
      throw new IllegalStateException(e);
    }
    assertEquals(0, ToolProvider.getSystemJavaCompiler().run(null, null, null, "-d", classes.toString(), "-cp",
        engine, src.resolve("Constant.java").toString()));
    Path jar = dir.resolve("user.jar");
    try (JarOutputStream out = new JarOutputStream(Files.newOutputStream(jar))) {
      out.putNextEntry(new JarEntry("rewards/Constant.class"));
      Files.copy(classes.resolve("rewards/Constant.class"), out);
      out.closeEntry();
    }
    return jar;
  }
}
