package dev.verity.notebooks;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import org.junit.jupiter.api.DynamicTest;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestFactory;

/**
 * A figure in a notebook's "What we saw" cell, or in README's findings table, is one the notebook's outputs show:
 * every number written there is found among the numbers its committed outputs print (rounded as the text rounds
 * it; a percentage as a fraction), or among the numbers its code cells write (a setting such as 150 steps, not a
 * measurement). A figure from elsewhere — a chart read by eye, another run, a sum worked out by hand — fails, so
 * the texts say only what a reader can check in the notebook. After a rerun, correct the texts to the new outputs.
 */
class FindingsTest {
  private static final ObjectMapper JSON = new ObjectMapper();
  private static final Path README = Folder.PATH.resolve("../README.md");
  private static final String SAW = "## What we saw";
  /** A number not part of a name ({@code k1.5}, {@code k3}), with a percent sign when it has one. */
  private static final Pattern FIGURE = Pattern.compile("(?<![\\p{L}\\d._])(\\d+(?:\\.\\d+)?)(%?)(?![\\p{L}\\d_])");
  private static final Pattern NUMBER = Pattern.compile("\\d+(?:\\.\\d+)?");
  /** A findings row: | [name](notebooks/name.ipynb) | finding | measured | time |. */
  private static final Pattern ROW = Pattern.compile("^\\| \\[[^]]+\\]\\(notebooks/([\\w-]+)\\.ipynb\\) \\|(.*)$");

  /** A number as written: its value, and how many decimals it was rounded to (a percentage's, plus two). */
  record Figure(String text, double value, int decimals) {
    static Figure of(String digits, boolean percent) {
      int decimals = digits.contains(".") ? digits.length() - digits.indexOf('.') - 1 : 0;
      double value = Double.parseDouble(digits);
      return percent ? new Figure(digits + "%", value / 100, decimals + 2) : new Figure(digits, value, decimals);
    }

    /** An integer is matched exactly; a decimal by rounding ({@code 0.61} is 0.6133, not 0.6163). */
    boolean isShownBy(double shown) {
      return decimals == 0 && !text.endsWith("%") ? shown == value
          : Math.abs(shown - value) <= 0.5 * Math.pow(10, -decimals) + 1e-9;
    }
  }

  static List<Figure> figures(String text) {
    List<Figure> figures = new ArrayList<>();
    Matcher m = FIGURE.matcher(text);
    while (m.find()) {
      figures.add(Figure.of(m.group(1), !m.group(2).isEmpty()));
    }
    return figures;
  }

  /** What one committed notebook shows (its outputs' text) and writes (its code). */
  record Notebook(String name, List<Double> shown, List<Double> written, List<String> sawCells) {
    static Notebook read(String name) throws IOException {
      JsonNode cells = JSON.readTree(Folder.notebookFile(name).toFile()).path("cells");
      StringBuilder outputs = new StringBuilder();
      StringBuilder code = new StringBuilder();
      List<String> saw = new ArrayList<>();
      for (JsonNode cell : cells) {
        String source = text(cell.path("source"));
        if (cell.path("cell_type").asText().equals("markdown")) {
          if (source.startsWith(SAW)) {
            saw.add(source.substring(SAW.length()));
          }
          continue;
        }
        code.append(source).append('\n');
        for (JsonNode output : cell.path("outputs")) {
          outputs.append(text(output.path("data").path("text/plain"))).append('\n'); // displays
          outputs.append(text(output.path("text"))).append('\n'); // streams
        }
      }
      return new Notebook(name, numbers(outputs.toString()), numbers(code.toString()), saw);
    }

    /** The figures of {@code text} this notebook neither shows nor writes. */
    List<String> unsupported(String text) {
      return figures(text).stream()
          .filter(f -> shown.stream().noneMatch(f::isShownBy) && !written.contains(f.value()))
          .map(Figure::text).toList();
    }
  }

  private static String text(JsonNode node) {
    if (node.isArray()) {
      StringBuilder out = new StringBuilder();
      node.forEach(line -> out.append(line.asText()));
      return out.toString();
    }
    return node.asText("");
  }

  static List<Double> numbers(String text) {
    List<Double> numbers = new ArrayList<>();
    Matcher m = NUMBER.matcher(text);
    while (m.find()) {
      numbers.add(Double.parseDouble(m.group()));
    }
    return numbers;
  }

  @TestFactory
  Stream<DynamicTest> everyFigureInWhatWeSawIsInTheNotebooksOutputs() throws IOException {
    return ExecutedNotebooksTest.listed().stream().map(name -> DynamicTest.dynamicTest(name, () -> {
      Notebook notebook = Notebook.read(name); // committed executed: its outputs are a full run's
      for (String saw : notebook.sawCells()) {
        assertEquals(List.of(), notebook.unsupported(saw), name + ".ipynb's \"What we saw\" cites figures that no"
            + " output of the notebook shows (nor any setting in its code): show them in an output, or correct the"
            + " text to what the outputs show");
      }
    }));
  }

  @Test
  void everyFigureOfReadmesFindingsTableIsInItsNotebooksOutputs() throws IOException {
    int rows = 0;
    Map<String, List<String>> unsupported = new TreeMap<>();
    for (String line : Folder.read(README).split("\n")) {
      Matcher row = ROW.matcher(line);
      if (!row.find()) {
        continue;
      }
      rows++;
      String[] cells = row.group(2).split("\\|");
      // finding and measured; the last column is the notebook's wall time, which no output of it prints
      String claims = cells[0] + "|" + cells[1];
      List<String> figures = Notebook.read(row.group(1)).unsupported(claims);
      if (!figures.isEmpty()) {
        unsupported.put(row.group(1), figures);
      }
    }
    assertTrue(rows >= 5, "README's findings table was not found (rows: " + rows + ")");
    assertEquals(Map.of(), unsupported, "README's findings rows cite figures that no output of their notebook"
        + " shows (by notebook): correct them to what the outputs show");
  }

  @Test
  void figuresAreReadAsWritten() {
    assertEquals(List.of("0.61", "2%", "46", "3.7"),
        figures("rises to 0.61 (from 2%) in k1.5 and k3 runs, 46 tokens, 3.7× longer").stream()
            .map(Figure::text).toList());
    Figure percent = Figure.of("61", true);
    assertTrue(percent.isShownBy(0.6133));
    assertFalse(percent.isShownBy(0.6163));
    assertTrue(Figure.of("46.1", false).isShownBy(46.09));
    assertFalse(Figure.of("46", false).isShownBy(46.09), "a whole number is not a rounded measurement");
  }
}
