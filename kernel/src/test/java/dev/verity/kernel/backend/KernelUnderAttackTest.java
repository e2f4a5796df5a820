package dev.verity.kernel.backend;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import dev.verity.kernel.clients.RealClients;
import dev.verity.kernel.faults.RunFiles;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The DSL kernel as a process under attack (src/test/python/attack_kernel.py, Debian's jupyter_client): while a
 * training cell runs, 1,000 messages with wrong signatures, malformed frames and unknown types arrive on every
 * channel — shell, control, stdin, heartbeat, IOPub — with real questions between them; then three floods of 1,000
 * more with nothing running. The same cells then run in a quiet kernel for comparison. Flooding the heartbeat found
 * its loop dying on a ping of several frames (Jupyter then takes the kernel for dead).
 */
class KernelUnderAttackTest {
  static final int MESSAGES = 1_000;
  /** Growth of the kernel's resident memory allowed across a flood of {@link #MESSAGES}. */
  static final long FLAT_KIB = 64 * 1024;

  @TempDir static Path temp;
  static JsonNode attacked;
  static JsonNode quiet;

  @BeforeAll
  static void attackTheKernel() throws Exception {
    RealClients clients = RealClients.serving(temp, DslKernelClientTest.dslClassPath());
    RealClients.Result result = clients.run(600, RealClients.PYTHON.toString(),
        clients.script("attack_kernel.py").toString(), "verity", "experiment \"attacked\" seed 3\n" + Tiny.DECLARE,
        "experiment \"quiet\" seed 3\n" + Tiny.DECLARE, Tiny.sft("long", 400), Integer.toString(MESSAGES));
    assertEquals(0, result.exitCode(), () -> "client failed:\n" + result.stderr());
    attacked = result.json().path("attacked");
    quiet = result.json().path("quiet");
    System.out.printf("kernel under attack: %d messages sent on 5 channels while a 400-step cell trained (%.1f s"
            + " of flood), %d more after it; control answered in at most %.0f ms during it; resident memory %d MiB"
            + " before the cell, %s MiB during the flood, %d MiB after the cell, %s MiB after each later flood"
            + " (Java heap in use after a full collection: %s MiB)%n",
        MESSAGES, attacked.path("flood_s").asDouble(), attacked.path("sent").asInt() - MESSAGES,
        1000 * max(attacked.path("control_reply_s")), attacked.path("rss_kib_before").asLong() / 1024,
        mib(attacked.path("rss_kib_during")), attacked.path("rss_kib_after_cell").asLong() / 1024,
        mib(attacked.path("rss_kib_after_floods")), mib(attacked.path("heap_kib_after_floods")));
  }

  @Test
  void everyMessageWasSentAndTheKernelLives() {
    assertEquals(4 * MESSAGES, attacked.path("sent").asInt());
    assertTrue(attacked.path("alive").asBoolean(), "the kernel survived");
    assertEquals("ok", attacked.path("after_floods").path("reply").path("status").asText(),
        attacked.path("after_floods")::toString);
  }

  @Test
  void theTrainingCellFinishesWithTheResultOfAQuietKernel() throws IOException {
    assertEquals("ok", attacked.path("training").path("reply").path("status").asText(),
        attacked.path("training")::toString);
    assertEquals(summary(quiet), summary(attacked));
    List<String> attackedRows = RunFiles.lines(run("attacked").resolve("metrics.csv"));
    assertEquals(401, attackedRows.size(), "a row per step");
    assertEquals(RunFiles.lines(run("quiet").resolve("metrics.csv")), attackedRows, "the same numbers");
  }

  @Test
  void otherRequestsKeepTheirAnswers() {
    for (JsonNode seconds : attacked.path("control_reply_s")) {
      assertTrue(seconds.asDouble() < 5, "control answers while the cell runs: " + seconds);
    }
    assertEquals(10, attacked.path("answers").path("kernel_info").size());
    attacked.path("answers").path("kernel_info").forEach(i -> assertEquals("verity", i.asText()));
    assertTrue(attacked.path("answers").path("complete").path("matches").toString().contains("\"gpt\""),
        attacked.path("answers")::toString);
    assertTrue(attacked.path("answers").path("inspect").path("found").asBoolean());
    assertEquals("incomplete", attacked.path("answers").path("is_complete").path("status").asText());
    assertEquals("ping", attacked.path("heartbeat").asText());
  }

  @Test
  void memoryStaysFlat() {
    long during = attacked.path("rss_kib_during").get(0).asLong();
    long peak = 0;
    for (JsonNode kib : attacked.path("rss_kib_during")) {
      peak = Math.max(peak, kib.asLong());
    }
    assertTrue(peak - during < FLAT_KIB, "grew " + (peak - during) / 1024 + " MiB during the flood");
    JsonNode rss = attacked.path("rss_kib_after_floods");
    long growth = rss.get(2).asLong() - rss.get(0).asLong();
    assertTrue(growth < FLAT_KIB / 2, "grew " + growth / 1024 + " MiB over the last two floods");
    JsonNode heap = attacked.path("heap_kib_after_floods"); // what survives a full collection: no message is kept
    if (heap.get(0).asLong() > 0) { // where the JDK has jcmd
      long kept = heap.get(2).asLong() - heap.get(0).asLong();
      assertTrue(kept < 4 * 1024, "the heap kept " + kept + " KiB over the last two floods");
    }
  }

  @Test
  void theKernelListensOnlyOnTheConnectionFilesAddressAndPorts() {
    JsonNode connection = attacked.path("connection");
    List<Integer> ports = new ArrayList<>();
    connection.path("ports").forEach(p -> ports.add(p.asInt()));
    List<Integer> listening = new ArrayList<>();
    for (JsonNode socket : attacked.path("listening")) {
      assertEquals(connection.path("ip").asText(), socket.get(0).asText(), "bound to " + socket);
      listening.add(socket.get(1).asInt());
    }
    assertEquals(ports, listening.stream().sorted().toList(), "the five ports, and nothing else");
  }

  /** The training cell's one-line summary without its wall time. */
  private static String summary(JsonNode session) {
    StringBuilder text = new StringBuilder();
    session.path("training").path("outputs").forEach(o -> text.append(o.path("content").path("data")
        .path("text/plain").asText()).append(o.path("content").path("text").asText()));
    String all = text.toString();
    int at = all.indexOf("sft long: policy, 400 steps");
    assertTrue(at >= 0, all);
    return all.substring(at, all.indexOf('\n', at) < 0 ? all.length() : all.indexOf('\n', at))
        .replaceAll(" in [0-9.]+ s", "");
  }

  private static Path run(String experiment) throws IOException {
    try (Stream<Path> runs = Files.list(temp.resolve("runs"))) {
      return runs.filter(p -> p.getFileName().toString().startsWith(experiment + "-")).findFirst().orElseThrow();
    }
  }

  private static double max(JsonNode values) {
    double max = 0;
    for (JsonNode v : values) {
      max = Math.max(max, v.asDouble());
    }
    return max;
  }

  private static String mib(JsonNode kibs) {
    List<String> out = new ArrayList<>();
    kibs.forEach(k -> out.add(Long.toString(k.asLong() / 1024)));
    return String.join("/", out);
  }
}
