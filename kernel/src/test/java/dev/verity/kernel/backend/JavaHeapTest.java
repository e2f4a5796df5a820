package dev.verity.kernel.backend;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import dev.verity.kernel.clients.RealClients;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A Java cell that fills the heap and keeps it full through a variable, in the real kernel process (a 256 MB heap)
 * driven by Debian's jupyter_client (src/test/python/fill_the_heap.py). Before the kernel let go of such variables,
 * its own threads failed at their next allocation and it never answered again.
 */
class JavaHeapTest {
  @TempDir static Path temp;
  static JsonNode seen;

  @BeforeAll
  static void fillTheHeap() throws Exception {
    RealClients clients = RealClients.serving(temp, DslKernelClientTest.dslClassPath());
    RealClients.Result result = clients.run(Map.of("JAVA_TOOL_OPTIONS", "-Xmx256m"), 300,
        RealClients.PYTHON.toString(), clients.script("fill_the_heap.py").toString(), "verity");
    assertEquals(0, result.exitCode(), () -> "client failed:\n" + result.stderr());
    seen = result.json();
    assertFalse(seen.has("error"), () -> seen.path("error").asText() + "\n" + result.stderr());
  }

  @Test
  void theCellFailsSayingWhichVariableWasSetToNull() {
    JsonNode reply = seen.path("fill").path("reply");
    assertEquals("error", reply.path("status").asText(), reply::toString);
    assertEquals("java.lang.OutOfMemoryError", reply.path("ename").asText());
    List<String> traceback = new ArrayList<>();
    reply.path("traceback").forEach(line -> traceback.add(line.asText()));
    String note = traceback.get(traceback.size() - 1);
    assertTrue(note.startsWith("The Java heap was still full after the error, held by the notebook's variables, so"
        + " held was set to null to keep the kernel working"), note);
  }

  @Test
  void theKernelGoesOnWithJavaAndDslCells() {
    for (String cell : List.of("held", "dsl", "allocate", "again")) {
      assertEquals("ok", seen.path(cell).path("reply").path("status").asText(), () -> cell + ": " + seen.path(cell));
    }
    assertEquals(List.of("true"), texts(seen.path("held")));
    assertEquals(List.of("8000000"), texts(seen.path("allocate")));
    assertEquals(List.of("2"), texts(seen.path("again")));
  }

  private static List<String> texts(JsonNode execution) {
    List<String> out = new ArrayList<>();
    for (JsonNode output : execution.path("outputs")) {
      if (output.path("type").asText().equals("display_data")) {
        out.add(output.path("content").path("data").path("text/plain").asText());
      }
    }
    return out;
  }
}
