package dev.verity.kernel.backend;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import dev.verity.dsl.exec.SessionScript;
import dev.verity.kernel.cli.Verity;
import java.io.IOException;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A notebook session whose DSL names classes of its {@code %%java} cells replays: the run records the Java cells
 * that ran (as comments in experiment.verity), and {@code verity replay} defines their classes again before the
 * DSL, so the replay says {@code identical}. A cell that failed is recorded only up to what ran.
 */
class JavaCellReplayTest {
  private static final String REWARD = """
      %%java
      import dev.verity.engine.reward.Rollout;
      import dev.verity.engine.user.RewardFunction;
      // longer answers score more, up to the answer's length: a shaped reward a replay must score alike
      class Partial implements RewardFunction {
        public double score(Rollout rollout) {
          return Math.min(rollout.response().length(), 3) / 3.0;
        }
      }
      """;

  @TempDir Path dir;

  @Test
  void aSessionUsingAJavaCellsRewardReplaysIdentically() throws Exception {
    try (Tiny.Session s = Tiny.open(dir)) {
      s.ok(REWARD); // before the first DSL cell: recorded once the run starts
      s.ok(Tiny.DECLARE + "reward partial = correct + java(\"Partial\")\n"
          + "rl tune: policy on add { reward: partial, sampling: explore, prompts: 4, steps: 3 }");
      s.error("%%java\nint kept = 7;\nthrow new IllegalStateException(\"stop here\");\nint lost = 8;");
      s.ok("%%java\nsession.metrics(\"tune\").rowCount()"); // reads results: throws when defined before the DSL
    }
    Path run;
    try (Stream<Path> runs = Files.list(dir.resolve("runs"))) {
      run = runs.findFirst().orElseThrow();
    }
    String source = Files.readString(run.resolve("experiment.verity"));
    List<SessionScript.JavaCell> cells = SessionScript.javaCells(source);
    assertEquals(3, cells.size(), source);
    assertTrue(cells.get(0).source().contains("class Partial implements RewardFunction"), source);
    assertTrue(cells.get(1).source().contains("int kept = 7;"), source);
    assertTrue(!cells.get(1).source().contains("lost") && !cells.get(1).source().contains("stop here"), source);
    assertTrue(source.indexOf("class Partial") < source.indexOf("rl tune"), "the cell that ran first comes first");

    Cli replay = Cli.run("replay", run.toString(), "--out", dir.resolve("replays").toString());
    String all = replay.all();
    assertEquals(Verity.DONE, replay.code(), all);
    assertTrue(replay.out().strip().endsWith("identical"), all);
    assertTrue(replay.err().contains("defined the classes of the session's Java cells again"), all);
    assertTrue(replay.err().lines().anyMatch(line -> line.startsWith("verity: note: ") && line.endsWith(" reads the"
        + " session's results, which do not exist yet as the classes are defined again (before any stage runs):"
        + " skipped there, as expected; no recorded number depends on it")),
        "the results cell is noted, calmly and not as fatal: " + all);

    Cli checked = Cli.run("check", run.resolve("experiment.verity").toString());
    assertEquals(Verity.DONE, checked.code(), checked.all());
  }

  @Test
  void aRecordedJavaCellThatNoLongerCompilesIsSaidWithItsLine() throws Exception {
    Path file = dir.resolve("exported.verity");
    Files.writeString(file, SessionScript.javaEntry("cell[1]", "class Broken { int x = \"text\" * 2; }")
        + "# %% cell[2]\nreward r = java(\"Broken\")\n");
    Cli checked = Cli.run("check", file.toString());
    assertEquals(Verity.BAD_INPUT, checked.code(), checked.all());
    // a file the user gave, not a recorded run: no advice about the jars and Java version "the session" used
    assertTrue(checked.err().contains("verity: a Java cell in " + file + " does not compile:\n" + file
        + ":2:27: error: bad operand types"), checked.all());
    assertTrue(!checked.err().contains("recorded") && !checked.err().contains("session")
        && !checked.err().contains("--classpath"), checked.all());
  }

  @Test
  void aFilesJavaCellMissingASemicolonIsSaidWithoutReplayAdviceByRunAndCheck() throws Exception {
    Path file = dir.resolve("nocompile.verity");
    Files.writeString(file, SessionScript.javaEntry("cell[1]", "class Broken {\n  int x = 1\n}")
        + "# %% cell[2]\nreward r = java(\"Broken\")\n");
    for (String command : List.of("check", "run")) {
      Cli given = command.equals("check") ? Cli.run("check", file.toString())
          : Cli.run("run", file.toString(), "--out", dir.resolve("runs").toString());
      assertEquals(Verity.BAD_INPUT, given.code(), given.all());
      assertTrue(given.err().startsWith("verity: a Java cell in " + file + " does not compile:\n" + file
          + ":3:15: error: ';' expected"), command + ": " + given.all());
      assertTrue(!given.err().contains("it compiled when the session ran it") && !given.err().contains("recorded"),
          command + ": " + given.all());
    }
  }

  @Test
  void aRunOfAFileSaysItsOwnJavaCellsNotASessionsOnes() throws Exception {
    Path file = dir.resolve("partial.verity");
    String cell = SessionScript.javaEntry("cell[1]", String.join("\n",
        "import dev.verity.engine.reward.Rollout;",
        "import dev.verity.engine.user.RewardFunction;",
        "class Partial implements RewardFunction {",
        "  public double score(Rollout rollout) { return Math.min(rollout.response().length(), 3) / 3.0; }",
        "}"));
    Files.writeString(file, cell + "# %% cell[2]\nexperiment \"partial\" seed 1\n" + Tiny.DECLARE
        + "reward partial = correct + java(\"Partial\")\n"
        + "rl tune: policy on add { reward: partial, sampling: explore, prompts: 2, steps: 1 }\n");
    Cli ran = Cli.run("run", file.toString(), "--out", dir.resolve("runs").toString());
    assertEquals(Verity.DONE, ran.code(), ran.all());
    assertTrue(ran.err().contains("verity: defined the classes of the file's Java cells (" + file + ")"), ran.all());
    assertTrue(!ran.err().contains("session's Java cells again"), ran.all());

    Path missing = dir.resolve("missing.verity");
    Files.writeString(missing, cell + "# %% cell[2]\nreward r = java(\"Absent\")\n");
    Cli checked = Cli.run("check", missing.toString());
    assertEquals(Verity.BAD_INPUT, checked.code(), checked.all());
    assertTrue(checked.err().contains("no Java class 'Absent' (searched the file's Java cells)"), checked.all());
    assertTrue(!checked.err().contains("recorded"), checked.all());
  }

  @Test
  void aSweepOfAFileWithJavaCellsChecksAndRunsWithTheirClasses() throws Exception {
    Path file = dir.resolve("partial.verity");
    Files.writeString(file, SessionScript.javaEntry("cell[1]", String.join("\n",
        "import dev.verity.engine.reward.Rollout;",
        "import dev.verity.engine.user.RewardFunction;",
        "class Partial implements RewardFunction {",
        "  public double score(Rollout rollout) { return Math.min(rollout.response().length(), 3) / 3.0; }",
        "}"))
        + "# %% cell[2]\nexperiment \"partial\" seed 1\n" + Tiny.DECLARE
        + "reward partial = correct + java(\"Partial\")\n"
        + "rl tune: policy on add { reward: partial, sampling: explore, prompts: 2, steps: 1 }\n");
    Cli swept = Cli.run("sweep", file.toString(), "--seeds", "2", "--jobs", "1", "--threads", "1", "--out",
        dir.resolve("sweeps").toString());
    assertEquals(Verity.DONE, swept.code(), swept.all());
  }

  @Test
  void aSweepOfTheNotebooksOwnClassesIsRefusedWithTheFixAndRunsOnceExported() throws Exception {
    String uses = "experiment \"uses\" seed 1\n" + Tiny.DECLARE + "reward partial = correct + java(\"Partial\")\n"
        + "rl tune: policy on add { reward: partial, sampling: explore, prompts: 2, steps: 1 }\n";
    Files.writeString(dir.resolve("uses.verity"), uses);
    try (Tiny.Session s = Tiny.open(dir)) {
      s.ok(REWARD);
      // the kernel finds Partial, but the sweep's runs, processes of their own, would not: refused before any runs
      JsonNode refused = s.error("%sweep uses.verity --seeds 1 --jobs 1 --threads 1");
      String message = refused.path("evalue").asText() + refused.path("traceback").toString();
      assertTrue(message.contains("uses.verity:8:") && message.contains("no Java class 'Partial'")
          && message.contains("%export FILE"), refused.toString());
      assertTrue(!Files.exists(dir.resolve("sweeps")) || isEmpty(dir.resolve("sweeps")), "no sweep was created");

      // the fix it names: export the session, whose file carries the Java cell, and sweep that
      s.ok("experiment \"session\" seed 1\n" + Tiny.DECLARE + "reward partial = correct + java(\"Partial\")");
      s.ok("%export session.verity");
      Files.writeString(dir.resolve("session.verity"),
          "rl tune: policy on add { reward: partial, sampling: explore, prompts: 2, steps: 1 }\n",
          StandardOpenOption.APPEND);
      s.ok("%sweep session.verity --seeds 1 --jobs 1 --threads 1");
    }
  }

  private static boolean isEmpty(Path folder) throws IOException {
    try (Stream<Path> files = Files.list(folder)) {
      return files.findAny().isEmpty();
    }
  }

  /** {@code verity args…} in this JVM, with what it printed. */
  private record Cli(int code, String out, String err) {
    static Cli run(String... args) {
      StringWriter out = new StringWriter();
      StringWriter err = new StringWriter();
      int code = Verity.commandLine(new PrintWriter(out, true), new PrintWriter(err, true)).execute(args);
      return new Cli(code, out.toString(), err.toString());
    }

    String all() {
      return "exit " + code + "\n--- out\n" + out + "--- err\n" + err;
    }
  }
}
