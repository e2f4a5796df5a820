package dev.verity.kernel.backend;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import dev.verity.engine.run.RecordedJar;
import dev.verity.engine.run.RunDirectory;
import dev.verity.engine.task.Task;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.stream.Stream;
import javax.tools.ToolProvider;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * DSL cells name classes that {@code %%java} cells declared ({@code java("Half")}, {@code java("Reverse", …)}) or that
 * {@code %classpath} gives, whose jar the session's run records.
 */
class JavaCellClassesTest {
  private static final String REWARD = """
      %%java
      import dev.verity.engine.reward.Rollout;
      import dev.verity.engine.user.RewardFunction;
      class Half implements RewardFunction {
        public double score(Rollout rollout) {
          return 0.5;
        }
      }
      """;

  /** A task in a cell: ab= → ba, its definition in TYPE as the built-ins have theirs. */
  private static final String TASK = """
      %%java
      import dev.verity.engine.catalog.Param;
      import dev.verity.engine.task.*;
      record Reverse(LevelRange levels) implements Task {
        public static final GeneratorType TYPE = new GeneratorType("reverse", "w= → w reversed.",
            Param.range("length").within(1, 4).byDefault(new LevelRange(1, 2)).doc("word length"), List.of(),
            args -> new Reverse(args.range("length")));
        public TaskType type() { return TYPE; }
        public Task withLevels(LevelRange levels) { return new Reverse(levels); }
        public Problem generate(SplittableRandom random) {
          StringBuilder w = new StringBuilder();
          for (int i = levels.min() + random.nextInt(levels.width()); i > 0; i--) {
            w.append(random.nextBoolean() ? 'a' : 'b');
          }
          return new Problem(w + "=", w.reverse().toString(), w.length());
        }
        public int longestPrompt(LevelRange levels) { return levels.max() + 1; }
        public Example longestExample(LevelRange levels, TraceStyle style) {
          return new Example(levels.max() + 1, levels.max() + 1);
        }
        public String alphabet() { return "ab=>"; }
        public String trace(Problem problem, TraceStyle style) { return ">" + problem.answer(); }
        public String extractAnswer(String response) { return response.substring(response.lastIndexOf('>') + 1); }
        public boolean verify(Problem problem, String response) {
          return extractAnswer(response).equals(problem.answer());
        }
      }
      """;

  @TempDir Path dir;

  @Test
  void aClasspathJarsClassesServeTheDslAndTheRunRecordsTheJar() throws Exception {
    Path src = Files.createDirectories(dir.resolve("src/rewards"));
    Files.writeString(src.resolve("Two.java"), "package rewards;\n"
        + "public class Two implements dev.verity.engine.user.RewardFunction {\n"
        + "  public double score(dev.verity.engine.reward.Rollout rollout) { return 2; }\n}\n");
    String engine = Path.of(Task.class.getProtectionDomain().getCodeSource().getLocation().toURI()).toString();
    Path classes = dir.resolve("classes");
    assertEquals(0, ToolProvider.getSystemJavaCompiler().run(null, null, null, "-d", classes.toString(), "-cp",
        engine, src.resolve("Two.java").toString()));
    try (Tiny.Session s = Tiny.open(dir)) {
      s.ok("%classpath classes");
      List<JsonNode> checked = s.ok("reward two = java(\"rewards.Two\")\ncheck two(response: \"x\") == 2");
      assertTrue(Tiny.texts(checked).get(0).startsWith("✓ passed"), checked::toString);
      Path run;
      try (Stream<Path> runs = Files.list(dir.resolve("runs"))) {
        run = runs.findFirst().orElseThrow();
      }
      assertEquals(List.of(RecordedJar.of(classes)), RunDirectory.openReadOnly(run).readJars());
    }
  }

  @Test
  void aTaskInACellThatLacksItsTypeIsFoundAndTheErrorSaysWhatToAdd() {
    try (Tiny.Session s = Tiny.open(dir)) {
      s.ok(TASK.replace("GeneratorType TYPE =", "GeneratorType TYPX =")); // type() still returns TYPE
      JsonNode lacking = s.error("task rev = java(\"Reverse\", length: 1..2)");
      assertTrue(lacking.toString().contains("cell[2]:1:17: error: class Reverse is declared but cannot be used: it refers"
          + " to variable TYPE, which is not declared; a task written in Java declares its definition in it: add"
          + " public static final TaskType TYPE = new GeneratorType(…) to Reverse, as the built-in tasks do"
          + " (AdditionTask.TYPE)"), lacking::toString);
      assertTrue(!lacking.toString().contains("no Java class"), lacking::toString);
    }
  }

  @Test
  void aDslCellUsesATaskAndARewardTermDeclaredInJavaCells() {
    try (Tiny.Session s = Tiny.open(dir)) {
      JsonNode early = s.error("reward half = java(\"Half\")");
      assertTrue(early.toString().contains("no Java class 'Half' (searched the notebook's Java cells and"
          + " %classpath)"), early::toString);

      s.ok(REWARD);
      List<JsonNode> checked = s.ok("reward half = exact_answer() + java(\"Half\")\n"
          + "check half(prompt: \"1+1=\", response: \"2\", answer: \"2\") == 1.5");
      assertTrue(Tiny.texts(checked).get(0).startsWith("✓ passed"), checked::toString);

      s.ok(TASK);
      JsonNode wrongKind = s.error("reward r = java(\"Reverse\")");
      assertTrue(wrongKind.toString().contains("class Reverse is not a reward term"), wrongKind::toString);
      JsonNode outOfRange = s.error("task t = java(\"Reverse\", length: 1..9)");
      assertTrue(outOfRange.toString().contains("'length' must lie within 1..4, got 1..9"), outOfRange::toString);
      s.ok("task rev = java(\"Reverse\", length: 1..2)\n"
          + "model p = gpt(layers: 1, heads: 2, dim: 16, context: 16)\n"
          + "sampling s = sample(max_tokens: 4, per_prompt: 2)\n"
          + "rl tune: p on rev { reward: half, sampling: s, prompts: 2, steps: 1 }");
      assertEquals(List.of("1"), Tiny.texts(s.ok("%%java\nsession.metrics(\"tune\").rowCount()")));
      assertEquals(List.of("0.0"), Tiny.texts(s.ok("%%java\n"
          + "session.metrics(\"tune\").doubleColumn(\"user_code_errors\").get(0)")));
    }
  }
}
