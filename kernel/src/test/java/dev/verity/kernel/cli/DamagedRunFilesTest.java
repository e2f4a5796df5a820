package dev.verity.kernel.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.verity.kernel.sweep.HandRuns;
import dev.verity.kernel.sweep.Sweep;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code verity compare} and {@code verity sweep --status} on runs and sweeps whose files were damaged after they
 * ran (a row edited by hand, a field removed or of the wrong type): exit 2 with one line naming the file, the line
 * or field, and what to do; never an internal error, a Java class or Jackson's words.
 */
class DamagedRunFilesTest {
  private static final String SOURCE = "experiment \"exp\" seed 1\n";

  @TempDir Path dir;

  private static void append(Path file, String line) throws IOException {
    Files.writeString(file, line + "\n", StandardOpenOption.APPEND);
  }

  /** Exit 2, a message starting {@code verity: } and holding each of {@code parts}, and nothing of Java's. */
  private static void refused(Cli.Ran ran, String... parts) {
    assertEquals(Verity.BAD_INPUT, ran.exitCode(), ran.all());
    assertTrue(ran.err().startsWith("verity: "), ran.all());
    for (String part : parts) {
      assertTrue(ran.err().contains(part), "no '" + part + "' in:\n" + ran.all());
    }
    for (String internal : List.of("internal error", "Exception", "dev.verity", "java.", "Cannot construct",
        "Cannot deserialize", "\tat ", "Input length", "Is a directory")) {
      assertFalse(ran.err().contains(internal), "'" + internal + "' shown to the user:\n" + ran.all());
    }
  }

  private static Path runDir(Path sweep, String id) throws IOException {
    try (Stream<Path> runs = Files.list(sweep.resolve(Sweep.RUNS).resolve(id))) {
      return runs.findFirst().orElseThrow();
    }
  }

  @Test
  void aDamagedEvalRowNamesTheFileAndLineAndSaysToLeaveTheRunOutOrRunItAgain() throws IOException {
    Path run = seedOneRun();
    append(run.resolve("eval.csv"), "final,1,add_test,notanumber,0.0,28.0,,,,0.0,0.0,,0.0,");
    refused(Cli.verity("compare", run.toString()), "verity: " + run.resolve("eval.csv") + ":3: column 'accuracy'"
        + " is 'notanumber', expected a number or empty; the run " + run + " is damaged: leave it out (move it out"
        + " of the folders compared), or run it again");
  }

  @Test
  void aHeaderFromAnotherVeritySaysSoWithoutTalkingOfResuming() throws IOException {
    Path run = seedOneRun();
    Path eval = run.resolve("eval.csv");
    Files.writeString(eval, Files.readString(eval).replaceFirst("accuracy", "acc"));
    Cli.Ran ran = Cli.verity("compare", run.toString());
    refused(ran, eval + ":1: the header is 'stage,step,task,acc,", "the file was edited, or written by another"
        + " version of Verity", "the run " + run + " is damaged");
    assertFalse(ran.err().contains("resum"), ran.all());
  }

  @Test
  void aDamagedRowInARunOfASweepSaysToMoveThatRunOutOfTheSweep() throws IOException {
    Path sweep = HandRuns.sweep(dir.resolve("sweeps"), 2);
    Path seed1 = runDir(sweep, "seed1");
    String metrics = Files.readString(seed1.resolve("metrics.csv"));
    append(seed1.resolve("metrics.csv"), "warm,x,1");
    String says = "this run of the sweep " + sweep + " is damaged: move its directory " + seed1 + " out of the"
        + " sweep";
    refused(Cli.verity("sweep", "--status", sweep.toString()), seed1.resolve("metrics.csv") + ":3: expected ",
        says);

    Files.writeString(seed1.resolve("metrics.csv"), metrics);
    append(seed1.resolve("eval.csv"), "final,1,add_test,notanumber,0.0,28.0,,,,0.0,0.0,,0.0,");
    refused(Cli.verity("compare", sweep.toString()), seed1.resolve("eval.csv") + ":3: column 'accuracy'", says);

    Path moved = dir.resolve("moved");
    Files.move(seed1, moved); // what the message says to do: the sweep goes on without that run
    Cli.Ran status = Cli.verity("sweep", "--status", sweep.toString());
    assertEquals(Verity.DONE, status.exitCode(), status.all());
    Cli.Ran compared = Cli.verity("compare", sweep.toString());
    assertEquals(Verity.DONE, compared.exitCode(), compared.all());
    assertTrue(compared.err().contains("1 of 2 runs are not done and are left out"), compared.all());
  }

  @Test
  void aSweepJsonWithoutItsFieldsNamesTheFirstMissingAndHowToCompareTheRunsAnyway() throws IOException {
    Path sweep = HandRuns.sweep(dir.resolve("sweeps"), 1);
    Path json = sweep.resolve(Sweep.JSON);
    String good = Files.readString(json);
    Files.writeString(json, "{}");
    String fix = "sweep.json is damaged: restore it as Verity wrote it, or compare the runs without it: `verity"
        + " compare " + sweep.resolve(Sweep.RUNS) + "`";
    refused(Cli.verity("sweep", "--status", sweep.toString()), json + ":1: 'experiment' is missing; " + fix);
    refused(Cli.verity("compare", sweep.toString()), json + ":1: 'experiment' is missing; " + fix);

    Files.writeString(json, good.replace("\"seed\" : 1,", "\"seed\" : \"one\","));
    refused(Cli.verity("sweep", "--status", sweep.toString()), "'runs[0].seed' is \"one\", not a whole number");
    Files.writeString(json, good.replace("\"id\" : \"seed1\",", ""));
    refused(Cli.verity("compare", sweep.toString()), "'runs[0].id' is missing");
    Files.writeString(json, good.replaceFirst(",\\s*\"threads\" : 1", ""));
    refused(Cli.verity("sweep", "--resume", sweep.toString()), "'executor.threads' is missing");
    Files.writeString(json, good.replace("\"command\" : [", "\"command\" : 5, \"x\" : ["));
    refused(Cli.verity("compare", sweep.toString()), ":5: 'command' is not a list [...]");
    Files.writeString(json, good.replaceFirst("\"status\" : \"done\"", "\"status\" : \"bogus\""));
    refused(Cli.verity("sweep", "--status", sweep.toString()), "'runs[0].status' holds an unknown run status"
        + " 'bogus' (expected pending, queued, running, done, failed or interrupted)");
  }

  @Test
  void aManifestFieldOfTheWrongTypeIsNamedWithWhatItMustBe() throws IOException {
    Path run = seedOneRun();
    Path manifest = run.resolve("manifest.json");
    Files.writeString(manifest, Files.readString(manifest).replace("\"seed\" : 1,", "\"seed\" : \"abc\","));
    refused(Cli.verity("compare", run.toString()), "verity: cannot read the run " + run + ": " + manifest + ":4:"
        + " not a Verity manifest: 'seed' is \"abc\", not a whole number; leave the run out (move it out of the"
        + " folders compared), or run it again");
  }

  @Test
  void bytesThatAreNotUtf8AreNamedWithTheFileLineAndByteAndTheWayOn() throws IOException {
    Path run = seedOneRun();
    Path eval = run.resolve("eval.csv");
    byte[] bytes = Files.readAllBytes(eval);
    int row = indexOf(bytes, "\nfinal,") + 1;
    bytes[row] = (byte) 0xFF; // the first byte of the row: "final" is no longer text
    Files.write(eval, bytes);
    refused(Cli.verity("compare", run.toString()), "verity: " + eval + ":2: not UTF-8 text (byte " + (row + 1)
        + " is 0xFF), which Verity never writes; the run's records are damaged: restore the file from a copy, or"
        + " run the experiment again; the run " + run + " is damaged: leave it out");

    Path source = run.resolve("experiment.verity");
    Files.write(source, new byte[] {'#', ' ', (byte) 0xE9, '\n'}); // Latin-1 é
    refused(Cli.verity("replay", run.toString(), "--out", dir.resolve("replays").toString()), "verity: cannot"
        + " read the recorded run " + run + ": " + source + ":1: not UTF-8 text (byte 3 is 0xE9)", "restore the file"
        + " from a copy, or run the experiment again");
    assertFalse(Files.exists(dir.resolve("replays")), "nothing was run");
  }

  @Test
  void aFolderWhereARunKeepsAFileIsNamedAsSuch() throws IOException {
    Path run = seedOneRun();
    Path eval = run.resolve("eval.csv");
    Files.delete(eval);
    Files.createDirectory(eval);
    refused(Cli.verity("compare", run.toString()), "verity: " + eval + ": a folder, where the run keeps a file; the"
        + " run's records are damaged: restore the file from a copy, or run the experiment again; the run " + run
        + " is damaged");

    Path sweep = HandRuns.sweep(dir.resolve("sweeps"), 2);
    Path metrics = runDir(sweep, "seed2").resolve("metrics.csv");
    Files.delete(metrics);
    Files.createDirectory(metrics);
    refused(Cli.verity("sweep", "--status", sweep.toString()), metrics + ": a folder, where the run keeps a file",
        "this run of the sweep " + sweep + " is damaged: move its directory " + metrics.getParent() + " out of the"
        + " sweep");

    Path other = seedOneRun();
    Path rollouts = other.resolve("rollouts.jsonl");
    Files.delete(rollouts);
    Files.createDirectory(rollouts);
    refused(Cli.verity("replay", other.toString(), "--out", dir.resolve("replays").toString()), "verity: cannot"
        + " replay " + other + ": " + rollouts + ": a folder, where the run keeps a file", "; nothing was run");
  }

  private static int indexOf(byte[] bytes, String ascii) {
    return new String(bytes, java.nio.charset.StandardCharsets.ISO_8859_1).indexOf(ascii);
  }

  /** A hand-made run of seed 1, done, at accuracy 0.5: each test damages one of its files. */
  private Path seedOneRun() throws IOException {
    return HandRuns.run(dir.resolve("runs"), SOURCE, 1, List.of("seed=1"), 0.5);
  }
}
