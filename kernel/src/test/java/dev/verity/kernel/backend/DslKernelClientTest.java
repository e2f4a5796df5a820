package dev.verity.kernel.backend;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import dev.verity.engine.run.RunDirectory;
import dev.verity.engine.run.RunStatus;
import dev.verity.kernel.clients.RealClients;
import java.io.File;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.stream.Collectors;
import java.util.stream.Stream;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The real DslBackend kernel as a process, driven by Debian's jupyter_client (src/test/python/drive_dsl_kernel.py):
 * completion, inspection and is_complete from the DSL, and an interrupt during training.
 */
class DslKernelClientTest {
  @TempDir static Path temp;
  static JsonNode seen;

  /** This test JVM's class path without the test classes, whose fixture language would be found first. */
  static String dslClassPath() {
    return Arrays.stream(System.getProperty("java.class.path").split(File.pathSeparator))
        .filter(entry -> !entry.endsWith("test-classes"))
        .collect(Collectors.joining(File.pathSeparator));
  }

  @BeforeAll
  static void driveTheKernel() throws Exception {
    RealClients clients = RealClients.serving(temp, dslClassPath());
    RealClients.Result result = clients.run(300, RealClients.PYTHON.toString(),
        clients.script("drive_dsl_kernel.py").toString(), "verity", Tiny.DECLARE, Tiny.sft("long", 100_000),
        "eval final: policy on add_test with greedy");
    assertEquals(0, result.exitCode(), () -> "client failed:\n" + result.stderr());
    seen = result.json();
    assertFalse(seen.has("error"), () -> seen.path("error").asText() + "\n" + result.stderr());
    System.out.printf("verity DSL kernel: first live update %.0f ms after the training cell was sent,"
            + " interrupt -> reply %.0f ms%n", 1000 * seen.path("first_update_s").asDouble(),
        1000 * seen.path("interrupt_s").asDouble());
  }

  @Test
  void completionOffersBuiltinsAndSessionNames() {
    JsonNode complete = seen.path("complete");
    assertTrue(strings(complete.path("matches")).contains("gpt"), complete::toString);
    assertEquals(10, complete.path("cursor_start").asInt());
    assertEquals(12, complete.path("cursor_end").asInt());
    assertTrue(strings(seen.path("complete_session_name").path("matches")).contains("policy"),
        seen.path("complete_session_name")::toString);
    JsonNode afterMagic = seen.path("complete_on_magic");
    assertTrue(strings(afterMagic.path("matches")).contains("gpt"), "a magic line above leaves offsets alone");
    assertEquals(18, afterMagic.path("cursor_start").asInt());
  }

  @Test
  void inspectionShowsTheSignatureAndDoc() {
    JsonNode inspect = seen.path("inspect");
    assertTrue(inspect.path("found").asBoolean());
    String text = inspect.path("data").path("text/plain").asText();
    assertTrue(text.startsWith("addition(digits:"), text);
    assertFalse(seen.path("inspect_nothing").path("found").asBoolean());
  }

  @Test
  void isCompleteWaitsForAnOpenBlockAndSeesPastMagics() {
    JsonNode open = seen.path("is_complete_open_block");
    assertEquals("incomplete", open.path("status").asText());
    assertEquals("  ", open.path("indent").asText());
    assertEquals("complete", seen.path("is_complete_done").path("status").asText());
    assertEquals("invalid", seen.path("is_complete_invalid").path("status").asText());
  }

  @Test
  void anInterruptStopsTrainingAfterTheStepInFlightAndTheModelStaysUsable() throws Exception {
    JsonNode interrupted = seen.path("interrupted");
    assertEquals("error", interrupted.path("status").asText());
    assertEquals("Interrupted", interrupted.path("ename").asText());
    assertTrue(interrupted.path("evalue").asText().matches("interrupted after step \\d+ of 100000 .*"),
        interrupted::toString);
    assertTrue(seen.path("interrupt_s").asDouble() < 5, "interrupt took " + seen.path("interrupt_s"));
    List<String> types = new ArrayList<>();
    seen.path("training_outputs").forEach(o -> types.add(o.path("type").asText()));
    assertTrue(types.contains("error"), "the cell shows an error output: " + types);

    JsonNode after = seen.path("after");
    assertEquals("ok", after.path("reply").path("status").asText(), after::toString);
    assertTrue(after.path("outputs").toString().contains("accuracy"), after::toString);

    try (Stream<Path> runs = Files.list(temp.resolve("runs"))) {
      RunDirectory run = RunDirectory.openReadOnly(runs.findFirst().orElseThrow());
      assertEquals(RunStatus.DONE, run.manifest().status(), "the shutdown request ended the run");
      assertTrue(run.latestCheckpoint("long").isPresent(), "the stopped stage left its checkpoint");
    }
  }

  private static List<String> strings(JsonNode array) {
    List<String> out = new ArrayList<>();
    array.forEach(n -> out.add(n.asText()));
    return out;
  }
}
