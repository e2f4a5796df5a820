package dev.verity.kernel.clients;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The kernel as a real process, driven by Debian's jupyter_client (src/test/python/drive_kernel.py): one session
 * of every protocol check, each asserted here on what the client saw.
 */
class JupyterClientTest {
  @TempDir static Path temp;
  static JsonNode seen;

  @BeforeAll
  static void driveTheKernel() throws Exception {
    RealClients clients = RealClients.in(temp);
    RealClients.Result result = clients.run(300, RealClients.PYTHON.toString(),
        clients.script("drive_kernel.py").toString(), "full", "verity");
    assertEquals(0, result.exitCode(), () -> "client failed:\n" + result.stderr());
    seen = result.json();
    assertFalse(seen.has("error"), () -> seen.path("error").asText() + "\n" + result.stderr());
    System.out.printf("verity kernel: start -> kernel_info_reply %.0f ms, median execute round trip %.2f ms,"
            + " interrupt -> reply %.0f ms%n", 1000 * seen.path("kernel_info_s").asDouble(),
        seen.path("median_round_trip_ms").asDouble(), 1000 * seen.path("interrupt_s").asDouble());
  }

  @Test
  void kernelInfoNamesTheLanguage() {
    JsonNode language = seen.path("kernel_info").path("language_info");
    assertEquals("verity", language.path("name").asText());
    assertEquals(".verity", language.path("file_extension").asText());
    assertEquals("ok", seen.path("kernel_info").path("status").asText());
  }

  @Test
  void aChartArrivesAsPngAndATableAsHtml() {
    assertEquals(List.of("image/png", "text/plain"), displayTypes(seen.path("chart")));
    assertEquals(List.of("text/html", "text/plain"), displayTypes(seen.path("table")));
    assertEquals("ok", seen.path("chart").get(0).path("status").asText());
  }

  @Test
  void anErrorCellThenAGoodOne() {
    JsonNode failing = seen.path("failing").get(0);
    assertEquals("error", failing.path("status").asText());
    assertEquals("VerityError", failing.path("ename").asText());
    assertEquals("cell:1:6: error: unknown reward 'corect'", failing.path("traceback").get(0).asText());
    assertTrue(outputTypes(seen.path("failing")).contains("error"));
    assertEquals("ok", seen.path("after_failing").get(0).path("status").asText());
  }

  @Test
  void completeInspectIsCompleteAndHistoryAreAnswered() {
    assertEquals("show", seen.path("complete").path("matches").get(0).asText());
    assertEquals(0, seen.path("complete").path("cursor_start").asInt());
    assertTrue(seen.path("inspect").path("found").asBoolean());
    assertEquals("incomplete", seen.path("is_complete").path("status").asText());
    assertEquals("ok", seen.path("history").path("status").asText());
    assertTrue(seen.path("history").path("history").isEmpty());
  }

  @Test
  void anInterruptOnTheControlChannelStopsARunningCellQuickly() {
    assertEquals("Interrupted", seen.path("interrupted").path("ename").asText());
    assertTrue(seen.path("interrupt_s").asDouble() < 1.0, "interrupt took " + seen.path("interrupt_s"));
  }

  @Test
  void forgedAndMalformedMessagesAreDroppedAndTheKernelKeepsServing() {
    assertEquals("ok", seen.path("after_bad").get(0).path("status").asText());
    assertFalse(seen.path("answers_to_bad").toString().contains("true"), "the forged request got no reply");
    assertTrue(seen.path("after_bad").get(1).toString().contains("after bad messages"));
  }

  @Test
  void aTrivialExecuteRoundTripIsFast() {
    // jjava's 50 ms polling sleep would put every round trip above 50 ms; ipykernel takes 17-19 ms here.
    assertTrue(seen.path("median_round_trip_ms").asDouble() < 15, "median " + seen.path("median_round_trip_ms"));
  }

  @Test
  void restartGivesAFreshKernelAndShutdownEndsTheProcess() {
    JsonNode afterRestart = seen.path("after_restart").get(0);
    assertEquals("ok", afterRestart.path("status").asText());
    assertEquals(1, afterRestart.path("execution_count").asInt(), "counting starts over");
    assertEquals("ok", seen.path("shutdown").path("status").asText());
    assertTrue(seen.path("exited_after_shutdown_s").asDouble() < 5, "exited by itself, not killed");
    assertEquals(0, seen.path("exit_code").asInt());
  }

  /** MIME types of each display_data an execution produced, in order. */
  private static List<String> displayTypes(JsonNode execution) {
    List<String> types = new ArrayList<>();
    for (JsonNode output : execution.get(1)) {
      if (output.path("type").asText().equals("display_data")) {
        output.path("content").path("data").fieldNames().forEachRemaining(types::add);
      }
    }
    return types;
  }

  private static List<String> outputTypes(JsonNode execution) {
    List<String> types = new ArrayList<>();
    execution.get(1).forEach(o -> types.add(o.path("type").asText()));
    return types;
  }
}
