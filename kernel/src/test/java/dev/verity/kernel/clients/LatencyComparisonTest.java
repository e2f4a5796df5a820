package dev.verity.kernel.clients;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Start-up and trivial-execute latency of the Verity kernel next to Debian's ipykernel, same client script. */
class LatencyComparisonTest {
  @TempDir Path temp;

  @Test
  void aTrivialExecuteIsFasterThanIpykernels() throws Exception {
    RealClients clients = RealClients.in(temp);
    clients.installIpykernel();
    JsonNode verity = bench(clients, "verity", "noop");
    JsonNode ipykernel = bench(clients, "ipy", "pass");
    System.out.printf("start -> kernel_info_reply: verity %.0f ms, ipykernel %.0f ms%n",
        1000 * verity.path("kernel_info_s").asDouble(), 1000 * ipykernel.path("kernel_info_s").asDouble());
    System.out.printf("trivial execute round trip, median (p90) of 100: verity %.2f ms (%.2f), ipykernel %.2f ms"
            + " (%.2f)%n", verity.path("median_round_trip_ms").asDouble(), verity.path("p90_round_trip_ms").asDouble(),
        ipykernel.path("median_round_trip_ms").asDouble(), ipykernel.path("p90_round_trip_ms").asDouble());
    assertTrue(verity.path("median_round_trip_ms").asDouble() < ipykernel.path("median_round_trip_ms").asDouble(),
        "verity " + verity + " vs ipykernel " + ipykernel);
  }

  private static JsonNode bench(RealClients clients, String kernel, String code) throws Exception {
    RealClients.Result result = clients.run(300, RealClients.PYTHON.toString(),
        clients.script("drive_kernel.py").toString(), "bench", kernel, code);
    assertEquals(0, result.exitCode(), () -> kernel + " bench failed:\n" + result.stderr());
    return result.json();
  }
}
