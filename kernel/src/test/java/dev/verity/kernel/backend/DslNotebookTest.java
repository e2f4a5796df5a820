package dev.verity.kernel.backend;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.verity.engine.run.RunDirectory;
import dev.verity.engine.run.RunStatus;
import dev.verity.kernel.clients.RealClients;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Base64;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** {@code jupyter nbconvert --execute} runs a Verity notebook on the real DslBackend kernel, as CI runs examples. */
class DslNotebookTest {
  private static final ObjectMapper JSON = new ObjectMapper();
  @TempDir Path temp;

  @Test
  void anExecutedNotebookHoldsChartsTablesChecksAndTheBrokenCellsDiagnostic() throws Exception {
    RealClients clients = RealClients.serving(temp, DslKernelClientTest.dslClassPath());
    Path notebook = temp.resolve("tiny.ipynb");
    JSON.writeValue(notebook.toFile(), Map.of(
        "nbformat", 4, "nbformat_minor", 5,
        "metadata", Map.of("kernelspec", Map.of("name", "verity", "display_name", "Verity", "language", "verity")),
        "cells", List.of(
            code("declare", "%seed 3\nexperiment \"tiny\" seed 3\n" + Tiny.DECLARE
                + "check correct(prompt: \"12+30=\", response: \"42\", answer: \"42\") == 1", false),
            code("train", Tiny.sft("warm", 200), false),
            code("plot", "plot loss by step for warm", false),
            code("table", "table metrics(last: 2) for warm", false),
            code("broken", "rl policy on add { reward: corect, sampling: explore, steps: 2 }", true),
            code("after", "eval final: policy on add_test with greedy", false))));

    // CI's short version: VERITY_SET reaches the kernel and cuts the 200 steps to 3
    RealClients.Result result = clients.run(Map.of("VERITY_SET", "sft.steps=3"), 300,
        RealClients.JUPYTER.toString(), "nbconvert", "--to", "notebook", "--execute", "--output", "executed.ipynb",
        notebook.toString());
    assertEquals(0, result.exitCode(), result::stderr);

    JsonNode cells = JSON.readTree(temp.resolve("executed.ipynb").toFile()).path("cells");
    assertTrue(cells.get(0).toString().contains("✓ passed: check"), cells.get(0)::toString);

    JsonNode training = cells.get(1).path("outputs");
    assertEquals(3, training.size(), training::toString);
    assertTrue(text(training.get(0)).startsWith("sft warm (policy): done, 3 steps in"), training::toString);
    assertPng(training.get(1));
    assertTrue(text(training.get(2)).startsWith("sft warm: policy, 3 steps"), training::toString);

    assertPng(cells.get(2).path("outputs").get(0));
    JsonNode table = cells.get(3).path("outputs").get(0);
    assertTrue(joined(table.path("data").path("text/html")).contains("<th>loss</th>"), table::toString);

    JsonNode error = cells.get(4).path("outputs").get(0);
    assertEquals("error", error.path("output_type").asText(), error::toString);
    assertEquals("VerityError", error.path("ename").asText());
    assertEquals(List.of("cell[5]:1:28: error: unknown reward 'corect' (did you mean 'correct'?)",
        "  rl policy on add { reward: corect, sampling: explore, steps: 2 }",
        "                             ^^^^^^"), strings(error.path("traceback")));

    JsonNode after = cells.get(5).path("outputs");
    assertTrue(after.toString().contains("accuracy"), "the cell after the broken one ran: " + after);
    assertEquals(6, cells.get(5).path("execution_count").asInt());

    try (Stream<Path> runs = Files.list(temp.resolve("runs"))) {
      RunDirectory run = RunDirectory.openReadOnly(runs.findFirst().orElseThrow());
      assertTrue(run.path().getFileName().toString().startsWith("tiny-"));
      assertEquals(RunStatus.DONE, run.manifest().status());
      assertEquals(List.of("sft.steps=3"), run.manifest().overrides());
      assertEquals(3, run.records().metrics().size());
      String source = run.source();
      assertTrue(source.contains("experiment \"tiny\" seed 3") && !source.contains("corect"), source);
    }
  }

  private static Map<String, Object> code(String id, String source, boolean raises) {
    Map<String, Object> cell = new LinkedHashMap<>();
    cell.put("cell_type", "code");
    cell.put("id", id);
    // nbclient runs on past a cell tagged raises-exception: the way to keep a deliberately broken cell
    cell.put("metadata", raises ? Map.of("tags", List.of("raises-exception")) : Map.of());
    cell.put("source", source);
    cell.put("outputs", List.of());
    cell.put("execution_count", null);
    return cell;
  }

  private static String text(JsonNode output) {
    return joined(output.path("data").path("text/plain"));
  }

  /** A notebook stores multi-line text as an array of lines. */
  private static String joined(JsonNode text) {
    return text.isArray() ? String.join("", strings(text)) : text.asText();
  }

  private static void assertPng(JsonNode output) {
    String png = output.path("data").path("image/png").asText();
    byte[] bytes = Base64.getMimeDecoder().decode(png);
    assertTrue(bytes.length > 4, output::toString);
    assertEquals("\u0089PNG", new String(bytes, 0, 4, StandardCharsets.ISO_8859_1));
  }

  private static List<String> strings(JsonNode array) {
    List<String> out = new ArrayList<>();
    array.forEach(n -> out.add(n.asText()));
    return out;
  }
}
