package dev.verity.kernel.clients;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Base64;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** {@code jupyter nbconvert --execute} runs a notebook on the kernel and keeps each cell's rich outputs. */
class NbconvertTest {
  private static final ObjectMapper JSON = new ObjectMapper();
  @TempDir Path temp;

  @Test
  void anExecutedNotebookHoldsAPngChartAndAnHtmlTable() throws Exception {
    RealClients clients = RealClients.in(temp);
    Path notebook = temp.resolve("charts.ipynb");
    JSON.writeValue(notebook.toFile(), Map.of(
        "nbformat", 4, "nbformat_minor", 5,
        "metadata", Map.of("kernelspec", Map.of("name", "verity", "display_name", "Verity", "language", "verity")),
        "cells", List.of(code("c1", "%seed 7\nchart"), code("c2", "table"), code("c3", "verdict pass"))));

    RealClients.Result result = clients.run(300, RealClients.JUPYTER.toString(), "nbconvert", "--to", "notebook",
        "--execute", "--output", "executed.ipynb", notebook.toString());
    assertEquals(0, result.exitCode(), result::stderr);

    JsonNode cells = JSON.readTree(temp.resolve("executed.ipynb").toFile()).path("cells");
    List<String> chartTypes = mimeTypes(cells.get(0));
    assertTrue(chartTypes.contains("image/png"), "chart cell outputs: " + chartTypes);
    String png = pngOf(cells.get(0));
    byte[] bytes = Base64.getMimeDecoder().decode(png);
    assertEquals("\u0089PNG", new String(bytes, 0, 4, StandardCharsets.ISO_8859_1));
    assertTrue(mimeTypes(cells.get(1)).contains("text/html"), "table cell outputs: " + mimeTypes(cells.get(1)));
    assertTrue(cells.get(1).toString().contains("<th>prompt</th>"));
    assertTrue(cells.get(2).toString().contains("✓ passed"));
  }

  private static Map<String, Object> code(String id, String source) {
    Map<String, Object> cell = new LinkedHashMap<>();
    cell.put("cell_type", "code");
    cell.put("id", id);
    cell.put("metadata", Map.of());
    cell.put("source", source);
    cell.put("outputs", List.of());
    cell.put("execution_count", null);
    return cell;
  }

  private static List<String> mimeTypes(JsonNode cell) {
    List<String> types = new ArrayList<>();
    for (JsonNode output : cell.path("outputs")) {
      output.path("data").fieldNames().forEachRemaining(types::add);
    }
    return types;
  }

  private static String pngOf(JsonNode cell) {
    for (JsonNode output : cell.path("outputs")) {
      if (output.path("data").has("image/png")) {
        return output.path("data").path("image/png").asText();
      }
    }
    throw new AssertionError("no PNG in " + cell);
  }
}
