package dev.verity.notebooks;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;

/**
 * A figure in README's table of results over seeds is one its committed sweep shows: every number of a row that
 * links to {@code results/NAME/} is found among the numbers of that folder's evaluation summary
 * ({@code eval_summary.csv}), its runs' table ({@code status.txt}) and {@code verity compare} table
 * ({@code compare.txt}), rounded as the text rounds it,
 * or among the settings its experiment and grid write ({@code experiment.verity}, {@code sweep.json}). The per-step
 * {@code summary.csv} is left out: among its thousands of numbers almost any figure would find a match.
 */
class SweepFindingsTest {
  private static final Path ROOT = Folder.PATH.resolve("..").normalize();
  /** A results row: | [name](results/folder/) | … |. */
  private static final Pattern ROW = Pattern.compile("^\\| \\[[^]]+\\]\\((results/[\\w.-]+)/?\\) \\|(.*)$");
  private static final List<String> SHOWN = List.of("eval_summary.csv", "compare.txt", "status.txt");
  private static final List<String> WRITTEN = List.of("experiment.verity", "sweep.json");

  @Test
  void everyFigureOfReadmesSeedTableIsInItsCommittedSweep() {
    int rows = 0;
    Map<String, List<String>> unsupported = new TreeMap<>();
    for (String line : Folder.read(ROOT.resolve("README.md")).split("\n")) {
      Matcher row = ROW.matcher(line);
      if (!row.find()) {
        continue;
      }
      rows++;
      Path folder = ROOT.resolve(row.group(1));
      assertTrue(Files.isDirectory(folder), "README links to " + row.group(1) + ", which is not committed");
      List<Double> shown = numbersIn(folder, SHOWN);
      List<Double> written = numbersIn(folder, WRITTEN);
      List<String> figures = FindingsTest.figures(row.group(2)).stream()
          .filter(f -> shown.stream().noneMatch(f::isShownBy) && !written.contains(f.value()))
          .map(FindingsTest.Figure::text).toList();
      if (!figures.isEmpty()) {
        unsupported.put(row.group(1), figures);
      }
    }
    assertTrue(rows >= 1, "README's table of results over seeds was not found");
    assertEquals(Map.of(), unsupported, "README's rows over seeds cite figures their committed sweep does not show:"
        + " correct them to its summaries");
  }

  private static List<Double> numbersIn(Path folder, List<String> files) {
    StringBuilder text = new StringBuilder();
    for (String name : files) {
      Path file = folder.resolve(name);
      if (Files.isRegularFile(file)) {
        try {
          text.append(Files.readString(file)).append('\n');
        } catch (IOException e) {
          throw new UncheckedIOException(e);
        }
      }
    }
    return FindingsTest.numbers(text.toString());
  }
}
