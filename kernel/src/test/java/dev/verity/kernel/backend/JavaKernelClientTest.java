package dev.verity.kernel.backend;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import dev.verity.kernel.clients.RealClients;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Java cells in the real kernel process, driven by Debian's jupyter_client (src/test/python/drive_java_cells.py):
 * state across cells, rendered values, a compile error, a throwing verifier, editor help, an interrupted endless
 * loop.
 */
class JavaKernelClientTest {
  @TempDir static Path temp;
  static JsonNode seen;

  @BeforeAll
  static void driveTheKernel() throws Exception {
    RealClients clients = RealClients.serving(temp, DslKernelClientTest.dslClassPath());
    RealClients.Result result = clients.run(300, RealClients.PYTHON.toString(),
        clients.script("drive_java_cells.py").toString(), "verity");
    assertEquals(0, result.exitCode(), () -> "client failed:\n" + result.stderr());
    seen = result.json();
    assertFalse(seen.has("error"), () -> seen.path("error").asText() + "\n" + result.stderr());
    System.out.printf("verity kernel, Java cell: interrupt of while (true) -> reply %.0f ms%n",
        1000 * seen.path("interrupt_s").asDouble());
  }

  @Test
  void stateStaysAcrossJavaCells() {
    assertEquals("ok", status(seen.path("declare")));
    assertEquals(List.of("abab42"), texts(seen.path("state")));
  }

  @Test
  void aTableArrivesAsHtmlAndAnXChartAsPng() {
    JsonNode table = displays(seen.path("table")).get(0);
    assertTrue(table.path("text/html").asText().contains("<th>reward</th>"), table::toString);
    JsonNode chart = displays(seen.path("chart")).get(0);
    byte[] png = Base64.getMimeDecoder().decode(chart.path("image/png").asText());
    assertEquals("\u0089PNG", new String(png, 0, 4, StandardCharsets.ISO_8859_1));
  }

  @Test
  void aCompileErrorNamesCellLineAndColumn() {
    JsonNode reply = seen.path("compile_error").path("reply");
    assertEquals("CompileError", reply.path("ename").asText());
    assertEquals("cell[5]:3:9: error: incompatible types: java.lang.String cannot be converted to int",
        reply.path("traceback").get(0).asText());
  }

  @Test
  void aThrowingVerifierShowsItsMessageAndTheNotebooksFramesOnly() {
    JsonNode reply = seen.path("verifier_throws").path("reply");
    assertEquals("java.lang.IllegalStateException", reply.path("ename").asText());
    List<String> traceback = new ArrayList<>();
    reply.path("traceback").forEach(line -> traceback.add(line.asText()));
    assertEquals(List.of("java.lang.IllegalStateException: cannot read 42", "\tat verify(cell[6]:3)",
        "\tat cell code(cell[6]:5)"), traceback);
  }

  @Test
  void completionInspectionAndIsCompleteKnowJava() {
    JsonNode complete = seen.path("complete");
    assertEquals("toUpperCase(", complete.path("matches").get(0).asText(), complete::toString);
    assertEquals("%%java\ntwice(\"a\").".length(), complete.path("cursor_start").asInt());
    assertTrue(seen.path("inspect").path("data").path("text/plain").asText().contains("int Math.max(int a, int b)"),
        seen.path("inspect")::toString);
    assertEquals("incomplete", seen.path("is_complete_open").path("status").asText());
    assertEquals("complete", seen.path("is_complete_done").path("status").asText());
  }

  @Test
  void anInterruptStopsAnEndlessLoopAndTheKernelKeepsItsState() {
    assertEquals("Interrupted", seen.path("interrupted").path("ename").asText(), seen.path("interrupted")::toString);
    assertTrue(seen.path("interrupt_s").asDouble() < 5, "interrupt took " + seen.path("interrupt_s"));
    assertEquals(List.of("40"), texts(seen.path("after")));
  }

  private static String status(JsonNode execution) {
    return execution.path("reply").path("status").asText();
  }

  private static List<JsonNode> displays(JsonNode execution) {
    List<JsonNode> out = new ArrayList<>();
    for (JsonNode output : execution.path("outputs")) {
      if (output.path("type").asText().equals("display_data")) {
        out.add(output.path("content").path("data"));
      }
    }
    return out;
  }

  private static List<String> texts(JsonNode execution) {
    return displays(execution).stream().map(d -> d.path("text/plain").asText()).toList();
  }
}
