package dev.verity.kernel.backend;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import dev.verity.engine.run.RunDirectory;
import dev.verity.kernel.jupyter.KernelTestKit;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** An interrupt stops a training cell after the step in flight; the session and the trained weights stay. */
class InterruptTest {
  @TempDir Path dir;

  @Test
  void anInterruptStopsTrainingAndALaterCellEvaluatesTheModel() throws Exception {
    try (Tiny.Session s = Tiny.open(dir)) {
      s.ok(Tiny.DECLARE);
      CompletableFuture<List<KernelTestKit.Sent>> training =
          CompletableFuture.supplyAsync(() -> s.kit().execute(Tiny.sft("long", 100_000)));
      RunDirectory run = awaitSteps(3);

      long asked = System.nanoTime();
      s.kit().request("interrupt_request", Map.of());
      List<KernelTestKit.Sent> sent = training.get(30, TimeUnit.SECONDS);
      double latency = (System.nanoTime() - asked) / 1e9;
      System.out.printf("interrupt during sft -> error reply in %.0f ms%n", latency * 1000);

      JsonNode reply = KernelTestKit.only(sent, "execute_reply").content();
      assertEquals("Interrupted", reply.path("ename").asText(), reply::toString);
      String message = reply.path("evalue").asText();
      assertTrue(message.matches("interrupted after step \\d+ of 100000 \\(stage long\\); the model keeps its"
          + " weights, the rest of the cell did not run"), message);
      assertTrue(latency < 5, "stopped after the step in flight, in " + latency + " s");
      assertTrue(run.latestCheckpoint("long").isPresent(), "the stopped stage wrote its checkpoint");
      String source = run.source();
      assertTrue(source.matches("(?s).*\n# verity: stopped long after step \\d+ of 100000\n"), source);

      List<JsonNode> eval = s.ok("eval final: policy on add_test with greedy");
      assertTrue(Tiny.texts(eval).get(0).contains("accuracy"), eval::toString);
      List<JsonNode> plot = s.ok("plot loss by step for long");
      assertTrue(plot.get(0).has("image/png"), "the steps done before the interrupt are kept");
    }
  }

  /** The run directory, once its metrics.csv holds {@code steps} rows. */
  private RunDirectory awaitSteps(int steps) throws Exception {
    long deadline = System.nanoTime() + Duration.ofSeconds(60).toNanos();
    while (System.nanoTime() < deadline) {
      if (Files.isDirectory(dir.resolve("runs"))) {
        try (Stream<Path> runs = Files.list(dir.resolve("runs"))) {
          for (Path path : runs.toList()) {
            RunDirectory run = RunDirectory.openReadOnly(path);
            if (run.records().metrics().size() >= steps) {
              return run;
            }
          }
        }
      }
      Thread.sleep(20);
    }
    throw new AssertionError("training did not record " + steps + " steps in 60 s");
  }
}
