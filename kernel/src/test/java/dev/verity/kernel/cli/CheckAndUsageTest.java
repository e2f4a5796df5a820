package dev.verity.kernel.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeFalse;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.PrintWriter;
import java.io.Writer;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.IllegalFormatException;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import picocli.CommandLine;

/** The commands that need no training: check, bad input of every kind, bench, kernel install. */
class CheckAndUsageTest {
  @TempDir Path dir;

  private String file(String name, String text) throws Exception {
    Path file = dir.resolve(name);
    Files.writeString(file, text);
    return file.toString();
  }

  @Test
  void checkPrintsEveryDiagnosticWithItsPlaceAndExitsTwo() throws Exception {
    String bad = file("bad.verity", """
        experiment "bad" seed 1
        task add = addition(digits: 2..3)
        model policy = gpt(layers: 2, heads: 2, dim: 32, context: 64)
        reward correct = exact_answer()
        sampling explore = sample(per_prompt: 4)
        rl policy on add { reward: corect, sampling: explore, steps: 5 }
        sft policy on ad { steps: 5 }
        """);
    Cli.Ran ran = Cli.verity("check", bad);
    assertEquals(Verity.BAD_INPUT, ran.exitCode(), ran.all());
    assertTrue(ran.err().contains(bad + ":6:28: error: unknown reward 'corect' (did you mean 'correct'?)"), ran.all());
    assertTrue(ran.err().contains(bad + ":7:15: error: unknown task 'ad' (did you mean 'add'?)"), ran.all());
    assertTrue(ran.err().contains("\n  rl policy on add { reward: corect, sampling: explore, steps: 5 }\n"),
        "the line, then carets");
    assertTrue(ran.err().strip().endsWith("2 errors"), ran.all());
    assertFalse(ran.err().contains("Exception"), ran.all());
  }

  @Test
  void checkOfAGoodFileSaysSoAndRunsNothing() throws Exception {
    String good = file("good.verity", """
        experiment "good" seed 1
        task add = addition(digits: 2..3)
        model policy = gpt(layers: 2, heads: 2, dim: 32, context: 64)
        sft policy on add { steps: 5 }
        """);
    Cli.Ran ran = Cli.verity("check", good);
    assertEquals(Verity.DONE, ran.exitCode(), ran.all());
    assertEquals(good + ": ok (4 statements)\n", ran.out());
    assertFalse(Files.exists(dir.resolve("runs")), "check writes no run directory");
  }

  @Test
  void checkHonoursOverridesAndNamesThePlaceOfABadOne() throws Exception {
    String good = file("good.verity", "task add = addition(digits: 2..3)\nmodel p = gpt()\nsft p on add { steps: 5 }");
    Cli.Ran ran = Cli.verity("check", good, "--set", "sft.steps=0");
    assertEquals(Verity.BAD_INPUT, ran.exitCode(), ran.all());
    assertTrue(ran.err().startsWith("--set sft.steps:1:11: error:"), ran.all());
  }

  @Test
  void aSettingGivenTwiceIsRefusedByCheckAndRunBeforeAnythingRuns() throws Exception {
    String good = file("good.verity", "task add = addition(digits: 2..3)\nmodel p = gpt()\nsft p on add { steps: 5 }");
    Cli.Ran checked = Cli.verity("check", good, "--set", "sft.steps=2", "--set", "sft.steps=3");
    assertEquals(Verity.BAD_INPUT, checked.exitCode(), checked.all());
    assertEquals("verity: --set sft.steps is given twice (sft.steps=2, then sft.steps=3): give it once\n",
        checked.err());
    Cli.Ran ran = Cli.verity("run", good, "--set", "seed=2", "--set", "experiment.seed=3");
    assertEquals(Verity.BAD_INPUT, ran.exitCode(), ran.all());
    assertEquals("verity: --set experiment.seed is given twice (seed=2, then experiment.seed=3): give it once\n",
        ran.err());
    assertFalse(Files.exists(dir.resolve("runs")), "nothing ran");
  }

  @Test
  void everyCommandExplainsItselfWithHelp() {
    for (List<String> command : List.of(List.of("run"), List.of("check"), List.of("replay"), List.of("bench"),
        List.of("sweep"), List.of("compare"), List.of("kernel", "install"), List.of("notebook", "build"))) {
      List<String> args = new java.util.ArrayList<>(command);
      args.add("--help");
      Cli.Ran ran = Cli.verity(args.toArray(String[]::new));
      assertEquals(Verity.DONE, ran.exitCode(), ran.all());
      assertTrue(ran.out().startsWith("Usage: verity " + String.join(" ", command) + " "), ran.all());
    }
    Cli.Ran help = Cli.verity("help", "replay");
    assertTrue(help.out().startsWith("Usage: verity replay "), help.all());
  }

  @Test
  void everyHelpTextIsAValidFormatString() {
    // picocli formats each description with String.format: a lone '%' makes it print a warning and the raw text
    List<String> bad = new java.util.ArrayList<>();
    ArrayDeque<CommandLine> commands = new ArrayDeque<>(
        List.of(Verity.commandLine(new PrintWriter(Writer.nullWriter()),
            new PrintWriter(Writer.nullWriter()))));
    while (!commands.isEmpty()) {
      CommandLine command = commands.pop();
      commands.addAll(command.getSubcommands().values());
      List<String> texts = new java.util.ArrayList<>(List.of(command.getCommandSpec().usageMessage().description()));
      command.getCommandSpec().options().forEach(o -> texts.addAll(List.of(o.description())));
      for (String text : texts) {
        try {
          String.format(text);
        } catch (IllegalFormatException e) {
          bad.add(command.getCommandName() + ": " + e.getMessage() + " in: " + text);
        }
      }
    }
    assertEquals(List.of(), bad);
  }

  @Test
  void aMissingFileIsOneLine() {
    for (String command : List.of("check", "run")) {
      Cli.Ran ran = Cli.verity(command, dir.resolve("nope.verity").toString());
      assertEquals(Verity.BAD_INPUT, ran.exitCode(), ran.all());
      assertEquals(List.of("verity: no such file: " + dir.resolve("nope.verity")), ran.errLines());
      assertEquals("", ran.out());
    }
    Cli.Ran folder = Cli.verity("run", dir.toString());
    assertEquals(List.of("verity: " + dir + " is a folder: name an experiment file (.verity) in it"),
        folder.errLines());
  }

  @Test
  void aFileThatIsNotUtf8IsOneLine() throws Exception {
    Path latin1 = dir.resolve("latin1.verity");
    Files.write(latin1, new byte[] {'#', ' ', (byte) 0xE9, '\n'});
    Cli.Ran ran = Cli.verity("check", latin1.toString());
    assertEquals(List.of("verity: " + latin1 + " is not UTF-8 text: save it as UTF-8"), ran.errLines());
  }

  @Test
  void aRunWithErrorsPrintsThemRunsNothingAndExitsTwo() throws Exception {
    String bad = file("bad.verity", "experiment \"bad\" seed 1\nmodel p = gpt(layers: 0)\n");
    Cli.Ran ran = Cli.verity("run", bad, "--out", dir.resolve("runs").toString());
    assertEquals(Verity.BAD_INPUT, ran.exitCode(), ran.all());
    assertTrue(ran.err().contains(bad + ":2:"), ran.all());
    assertFalse(Files.exists(dir.resolve("runs")), "nothing ran, so no run directory");
  }

  @Test
  void badUsageExitsTwoWithoutAStackTrace() {
    for (String[] args : List.of(new String[] {"run"}, new String[] {"frobnicate"}, new String[] {},
        new String[] {"run", "x.verity", "--bogus"}, new String[] {"kernel"},
        new String[] {"kernel", "install", "--user", "--prefix", "p"})) {
      Cli.Ran ran = Cli.verity(args);
      assertEquals(Verity.BAD_INPUT, ran.exitCode(), String.join(" ", args) + "\n" + ran.all());
      assertFalse(ran.err().contains("\tat "), ran.all());
    }
  }

  @Test
  void replayOfSomethingThatIsNotARunIsOneLine() throws Exception {
    Cli.Ran missing = Cli.verity("replay", dir.resolve("nowhere").toString());
    assertEquals(List.of("verity: no such run directory: " + dir.resolve("nowhere")), missing.errLines());
    assertEquals(Verity.BAD_INPUT, missing.exitCode());
    Cli.Ran notRun = Cli.verity("replay", dir.toString());
    assertEquals(List.of("verity: " + dir + " is not a run directory: it has no manifest.json"), notRun.errLines());
    Files.writeString(dir.resolve("manifest.json"), "{ \"experiment\": ");
    Cli.Ran damaged = Cli.verity("replay", dir.toString());
    assertEquals(Verity.BAD_INPUT, damaged.exitCode(), damaged.all());
    assertTrue(damaged.err().startsWith("verity: cannot read the recorded run " + dir + ": "), damaged.all());
    assertEquals(1, damaged.errLines().size(), damaged.all());
  }

  @Test
  void benchSaysWhenTheEngineHasNoBenchmark() throws Exception {
    boolean present;
    try {
      Class.forName(BenchCommand.BENCH);
      present = true;
    } catch (ClassNotFoundException e) {
      present = false;
    }
    assumeFalse(present, "this build has the benchmark");
    Cli.Ran ran = Cli.verity("bench");
    assertEquals(Verity.BAD_INPUT, ran.exitCode());
    assertEquals(List.of("bench: not available in this build"), ran.errLines());
  }

  @Test
  void kernelInstallWritesAKernelspecThatStartsThisBuildsKernel() throws Exception {
    Cli.Ran ran = Cli.verity("kernel", "install", "--prefix", dir.resolve("env").toString());
    assertEquals(Verity.DONE, ran.exitCode(), ran.all());
    Path spec = dir.resolve("env/share/jupyter/kernels/verity/kernel.json");
    assertEquals("installed the Verity kernel in " + spec.getParent() + "\n", ran.out());
    JsonNode json = new ObjectMapper().readTree(spec.toFile());
    List<String> argv = new ArrayList<>();
    json.path("argv").forEach(a -> argv.add(a.asText()));
    assertTrue(Path.of(argv.get(0)).endsWith("bin/java"), argv.toString());
    assertTrue(argv.containsAll(Launch.jvmFlags()), argv.toString());
    // From compiled classes (as here) the kernel starts by class path; from the jar by -jar verity.jar.
    assertEquals(List.of(Verity.class.getName(), "kernel", "{connection_file}"), argv.subList(argv.size() - 3,
        argv.size()));
    assertEquals("AUTO", json.path("env").path("MKL_CBWR").asText());
  }
}
