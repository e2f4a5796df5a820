package dev.verity.notebooks;

import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.ObjectMapper;
import java.nio.file.Path;
import java.util.Base64;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The checks CI applies to executed notebooks catch what a reader would notice: errors, missing charts or tables. */
class ExecutedNotebookTest {
  private static final ObjectMapper JSON = new ObjectMapper();
  private static final Map<String, Object> PNG = display("image/png",
      Base64.getEncoder().encodeToString(new byte[] {(byte) 0x89, 'P', 'N', 'G', 13, 10}));
  private static final Map<String, Object> HTML = display("text/html", "<table></table>");
  @TempDir Path dir;

  @Test
  void aCompleteNotebookPasses() throws Exception {
    notebook(cell("plot loss by step\ntable metrics(last: 2)", PNG, HTML), cell("# a comment only")).assertComplete();
  }

  @Test
  void anErrorOutputFailsNamingTheCell() throws Exception {
    Map<String, Object> error = Map.of("output_type", "error", "ename", "VerityError", "evalue", "",
        "traceback", List.of("cell[1]:1:6: error: unknown metric 'los'"));
    AssertionError e = assertThrows(AssertionError.class, () -> notebook(cell("plot los by step", error))
        .assertComplete());
    assertTrue(e.getMessage().contains("n.ipynb cell 1 (plot los by step) shows an error: VerityError:"
        + " cell[1]:1:6: error: unknown metric 'los'"), e.getMessage());
  }

  @Test
  void aPlotWithoutAChartOrATableWithoutHtmlFails() throws Exception {
    AssertionError plot = assertThrows(AssertionError.class,
        () -> notebook(cell("plot loss by step\nplot lr by step", PNG)).assertComplete());
    assertTrue(plot.getMessage().contains("has 2 plot statement(s) but 1 PNG output(s)"), plot.getMessage());
    AssertionError table = assertThrows(AssertionError.class,
        () -> notebook(cell("table metrics(last: 2)  # plot in a comment is no plot", display("text/plain", "x")))
            .assertComplete());
    assertTrue(table.getMessage().contains("has 1 table statement(s) but 0 HTML output(s)"), table.getMessage());
  }

  @Test
  void aNotebookThatNeverRanFails() throws Exception {
    Map<String, Object> cell = new HashMap<>(cell("model m = gpt()"));
    cell.put("execution_count", null); // what a built, never executed notebook holds
    AssertionError e = assertThrows(AssertionError.class, () -> write(List.of(cell)).assertComplete());
    assertTrue(e.getMessage().contains("cell 1 (model m = gpt()) did not run"), e.getMessage());
  }

  private static Map<String, Object> display(String mime, String data) {
    return Map.of("output_type", "display_data", "data", Map.of(mime, data), "metadata", Map.of());
  }

  @SafeVarargs
  private static Map<String, Object> cell(String source, Map<String, Object>... outputs) {
    return Map.of("cell_type", "code", "execution_count", 1, "source", source, "outputs", List.of(outputs));
  }

  @SafeVarargs
  private ExecutedNotebook notebook(Map<String, Object>... cells) throws Exception {
    return write(List.of(cells));
  }

  private ExecutedNotebook write(List<Map<String, Object>> cells) throws Exception {
    Path file = dir.resolve("n.ipynb");
    JSON.writeValue(file.toFile(), Map.of("nbformat", 4, "nbformat_minor", 5, "metadata", Map.of(), "cells", cells));
    return ExecutedNotebook.read(file);
  }
}
