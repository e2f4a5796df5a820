package dev.verity.kernel.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.verity.kernel.sweep.HandRuns;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code verity compare --metric NAME} where the runs evaluated but none has a value of NAME (pass@4 of an
 * evaluation with fewer than 4 samples per prompt, a column an earlier Verity did not write): it says so, naming
 * the run and the figures it has, rather than that eval.csv is empty; asked with a figure it has, it compares that
 * one and notes the other.
 */
class CompareMetricTest {
  private static final String SOURCE = "experiment \"exp\" seed 1\n";
  /** The figures a hand-made run's evaluation has: see {@link HandRuns#run}. */
  private static final String HAS = "accuracy, pass_at_k, response_len_mean: compare one of those";

  @TempDir Path dir;

  @Test
  void aFigureWithoutValuesInTheRunIsNamedWithTheFiguresItHas() throws IOException {
    Path run = HandRuns.run(dir.resolve("runs"), SOURCE, 1, List.of(), 0.5);
    Cli.Ran ran = Cli.verity("compare", run.toString(), "--metric", "pass_at_4");
    assertEquals(Verity.BAD_INPUT, ran.exitCode(), ran.all());
    assertTrue(ran.err().startsWith("verity: --metric pass_at_4: the run " + run + " has no value of it in its"
        + " final evaluations (eval.csv's pass_at_4 column is empty or absent there); it has " + HAS + " (pass_at_4:"
        + " Unbiased pass@4"), ran.all());
    assertTrue(ran.err().contains("empty when n < 4"), "why it can be empty: " + ran.all());
    assertFalse(ran.err().contains("eval.csv is empty"), ran.all());
    assertEquals(1, ran.errLines().size(), ran.all());
  }

  @Test
  void aColumnAnEarlierVerityDidNotWriteIsNamedTheSameWay() throws IOException {
    Path run = HandRuns.run(dir.resolve("runs"), SOURCE, 1, List.of(), 0.5);
    Path eval = run.resolve("eval.csv");
    // an earlier Verity wrote the columns up to response_len_mean only (columns are only ever added at the end)
    Files.write(eval, Files.readAllLines(eval).stream()
        .map(line -> String.join(",", Arrays.asList(line.split(",", -1)).subList(0, 6))).toList());
    Cli.Ran ran = Cli.verity("compare", run.toString(), "--metric", "maj_at_k");
    assertEquals(Verity.BAD_INPUT, ran.exitCode(), ran.all());
    assertTrue(ran.err().startsWith("verity: --metric maj_at_k: the run " + run + " has no value of it"), ran.all());
    assertTrue(ran.err().contains("; it has " + HAS), ran.all());
  }

  @Test
  void withAFigureTheRunsHaveTheOtherIsLeftOutWithANote() throws IOException {
    Path runs = dir.resolve("runs");
    HandRuns.run(runs, SOURCE, 1, List.of("seed=1"), 0.5);
    HandRuns.run(runs, SOURCE, 2, List.of("seed=2"), 0.75);
    Cli.Ran ran = Cli.verity("compare", runs.toString(), "--metric", "accuracy", "--metric", "pass_at_4");
    assertEquals(Verity.DONE, ran.exitCode(), ran.all());
    assertTrue(ran.err().startsWith("verity: note: left out --metric pass_at_4: none of the 2 runs compared has a"
        + " value of it in its final evaluations"), ran.all());
    assertTrue(ran.err().contains("; they have " + HAS), ran.all());
    assertTrue(ran.out().contains("accuracy"), ran.all());
    assertFalse(ran.out().contains("pass_at_4"), ran.all());
  }
}
