package dev.verity.kernel.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Plausible wrong things to give a command: each is one line naming what to give instead, exit 2. */
class WrongArgumentTest {
  private static final String GOOD = "task add = addition(digits: 1..2)\nmodel p = gpt(layers: 1, heads: 2, dim: 32)\n";

  @TempDir Path dir;

  private String file(String name, String text) throws Exception {
    return Files.writeString(dir.resolve(name), text).toString();
  }

  private static void refused(String expected, String... args) {
    Cli.Ran ran = Cli.verity(args);
    assertEquals(Verity.BAD_INPUT, ran.exitCode(), ran.all());
    assertEquals(List.of("verity: " + expected), ran.errLines());
  }

  @Test
  void aNotebookNamesItsTwin() throws Exception {
    String notebook = file("q.ipynb", "{}");
    String twin = file("q.verity", GOOD);
    refused(notebook + " is a notebook, not an experiment file: run its twin with `verity run " + twin
        + "`, or open it in Jupyter", "run", notebook);
    Files.delete(Path.of(twin));
    refused(notebook + " is a notebook, not an experiment file: export its cells to a .verity file with %export"
        + " in Jupyter, or open it in Jupyter", "check", notebook);
  }

  @Test
  void anArgumentTooManyIsNamedWithWhatTheCommandTakes() throws Exception {
    String experiment = file("tiny.verity", GOOD);
    refused("`verity run` takes FILE; 'experiment.verity' is one more: quote a path with spaces"
        + " (\"my experiment.verity\"), and put a setting after --set; see `verity run --help`",
        "run", dir.resolve("my").toString(), "experiment.verity");
    refused("`verity check` takes FILE; 'seed=2' 'x' are more: quote a path with spaces (\"my"
        + " experiment.verity\"), and put a setting after --set; see `verity check --help`",
        "check", experiment, "seed=2", "x");
    Cli.Ran unknown = Cli.verity("run", experiment, "--sed", "2");
    assertEquals(Verity.BAD_INPUT, unknown.exitCode(), unknown.all());
    assertTrue(unknown.errLines().get(0).startsWith("Unknown options: '--sed'"), "an unknown option keeps"
        + " picocli's words: " + unknown.errLines());
    Cli.Ran misspelt = Cli.verity("rnu", experiment);
    assertEquals(Verity.BAD_INPUT, misspelt.exitCode(), misspelt.all());
    assertTrue(misspelt.err().contains("Did you mean"), "a misspelt command gets picocli's suggestion: "
        + misspelt.err());
  }

  @Test
  void aRunDirectoryToRunSaysResumeOrReplay() throws Exception {
    Path run = Files.createDirectory(dir.resolve("run"));
    Files.writeString(run.resolve("manifest.json"), "{}");
    refused(run + " is a run directory, not an experiment file: continue it with `verity run --resume " + run
        + "`, or rerun it with `verity replay " + run + "`", "run", run.toString());
  }

  @Test
  void anExperimentFileToReplaySaysRun() throws Exception {
    String experiment = file("tiny.verity", GOOD);
    refused(experiment + " is an experiment file, not a run directory: run it with `verity run " + experiment + "`",
        "replay", experiment);
  }

  @Test
  void outNamingAFileIsACommandLineMistake() throws Exception {
    String experiment = file("tiny.verity", GOOD);
    refused("--out " + experiment + " is a file, not a folder: give --out DIR, the folder run directories go in",
        "run", experiment, "--out", experiment);
  }

  @Test
  void notebookCheckNamesTheMissingNotebookFirst() {
    String missing = dir.resolve("nosuch.ipynb").toString();
    refused("no such file: " + missing, "notebook", "check", missing);
  }

  @Test
  void benchTakesNoArguments() {
    assertEquals(Verity.BAD_INPUT, Cli.verity("bench", "--models", "2").exitCode());
  }

  @Test
  void benchRefusesAProbeOfNothingInsteadOfMeasuringThroughput() {
    // refused before the engine starts: each would otherwise run the minutes-long throughput benchmark
    for (String n : List.of("0", "1", "-3")) {
      refused("--determinism " + n + ": give how many repeats to compare, 2 or more (leave it out to measure"
          + " throughput)", "bench", "--determinism", n);
    }
    for (String n : List.of("0", "-1")) {
      refused("--rss-steps " + n + ": give how many RL steps to run, 1 or more (leave it out to measure"
          + " throughput)", "bench", "--rss-steps", n);
    }
  }

  @Test
  void anExperimentFileToTheKernelSaysRun() throws Exception {
    String experiment = file("tiny.verity", GOOD);
    Cli.Ran ran = Cli.verity("kernel", experiment);
    assertEquals(Verity.BAD_INPUT, ran.exitCode(), ran.all());
    assertEquals(List.of("verity kernel: " + experiment + ": not a Jupyter connection file (not JSON near line 1:1):"
        + " `verity kernel` is started by Jupyter with the connection file it writes; to run an experiment use"
        + " `verity run " + experiment + "`"), ran.errLines());
  }

  @Test
  void aLeadingByteOrderMarkIsSkipped() throws Exception {
    Path bom = dir.resolve("bom.verity");
    Files.write(bom, ("\uFEFF" + GOOD).getBytes(StandardCharsets.UTF_8));
    Cli.Ran ran = Cli.verity("check", bom.toString());
    assertEquals(Verity.DONE, ran.exitCode(), ran.all());
  }
}
