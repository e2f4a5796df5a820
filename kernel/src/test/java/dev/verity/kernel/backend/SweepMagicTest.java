package dev.verity.kernel.backend;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import dev.verity.kernel.sweep.HandRuns;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code %sweep} and {@code %compare} in a kernel: a sweep's runs are child JVMs of this build started from the
 * notebook's folder; the cell shows the table of runs, each stage's means with their bands, and the final
 * evaluations; a later cell charts what it asks of the finished sweep, or compares its variants.
 */
class SweepMagicTest {
  @TempDir Path dir;

  private static List<String> texts(List<JsonNode> displays) {
    return displays.stream().map(d -> d.path("text/plain").asText()).toList();
  }

  private static boolean hasPng(List<JsonNode> displays, String title) {
    return displays.stream().anyMatch(d -> d.has("image/png") && d.path("text/plain").asText().startsWith(title));
  }

  @Test
  void aSweepRunsFromACellAndIsChartedAndComparedInLaterOnes() throws Exception {
    Files.writeString(dir.resolve("tiny.verity"), "experiment \"tiny\" seed 1\n" + Tiny.DECLARE
        + Tiny.sft("warm", 3) + "eval policy on add_test with greedy\n");
    try (Tiny.Session s = Tiny.open(dir)) {
      List<JsonNode> ran = s.ok("%sweep tiny.verity --seeds 2 --set warm.steps=2,3 --jobs 2 --threads 1");
      // the live table, as first shown; it is redrawn in place (update_display_data) until every run is done
      assertTrue(texts(ran).get(0).contains("warm.steps=3_seed2"), texts(ran).toString());
      assertTrue(hasPng(ran, "loss by step (warm)"), "the band chart of the sft stage: " + texts(ran));
      assertTrue(texts(ran).stream().anyMatch(t -> t.contains("final evaluations") && t.contains("warm.steps=3")),
          texts(ran).toString());

      Path sweep;
      try (Stream<Path> sweeps = Files.list(dir.resolve("sweeps"))) {
        sweep = sweeps.findFirst().orElseThrow();
      }
      String name = dir.relativize(sweep).toString();
      assertEquals(4, Files.readString(sweep.resolve("sweep.json")).split("\"status\" : \"done\"").length - 1);
      List<JsonNode> plotted = s.ok("%sweep " + name + " --plot loss,grad_norm --stage warm");
      assertTrue(hasPng(plotted, "loss by step (warm)") && hasPng(plotted, "grad_norm by step (warm)"),
          texts(plotted).toString());
      assertTrue(texts(plotted).get(1).contains("warm.steps=2: 2 points"), texts(plotted).toString());

      List<JsonNode> compared = s.ok("%compare " + name);
      assertEquals(2, compared.size());
      assertTrue(texts(compared).get(1).contains("verdict"), texts(compared).toString());

      JsonNode unknown = s.error("%sweep " + name + " --plot reward_mean");
      assertTrue(unknown.path("evalue").asText().startsWith("%sweep --plot: no stage of the sweep records"
          + " 'reward_mean'; they record: loss, lr, grad_norm"), unknown.toString());
    }
  }

  @Test
  void interruptingTheKernelStopsEveryRunAndResumeFinishesThem() throws Exception {
    Files.writeString(dir.resolve("long.verity"), "experiment \"long\" seed 1\n" + Tiny.DECLARE
        + Tiny.sft("warm", 1500));
    try (Tiny.Session s = Tiny.open(dir)) {
      Thread interrupter = new Thread(() -> {
        try {
          while (runsPastStep(dir.resolve("sweeps"), 5) < 2) {
            Thread.sleep(50);
          }
          s.backend().evaluator().interrupt(); // the kernel's interrupt: the ■ button
        } catch (Exception e) {
          throw new IllegalStateException(e);
        }
      });
      interrupter.setDaemon(true);
      interrupter.start();
      JsonNode stopped = s.error("%sweep long.verity --seeds 2 --jobs 2 --threads 1");
      assertEquals("Interrupted", stopped.path("ename").asText(), stopped.toString());
      assertTrue(stopped.path("evalue").asText().startsWith("the sweep was stopped; %sweep --resume sweeps/long-"),
          stopped.toString());
      Path sweep;
      try (Stream<Path> sweeps = Files.list(dir.resolve("sweeps"))) {
        sweep = sweeps.findFirst().orElseThrow();
      }
      assertEquals(2, Files.readString(sweep.resolve("sweep.json")).split("\"status\" : \"interrupted\"").length - 1);

      s.ok("%sweep --resume " + dir.relativize(sweep));
      assertEquals(2, Files.readString(sweep.resolve("sweep.json")).split("\"status\" : \"done\"").length - 1);
    }
  }

  /** How many run directories under {@code sweeps} have recorded more than {@code steps} steps so far. */
  private static long runsPastStep(Path sweeps, int steps) throws java.io.IOException {
    if (!Files.isDirectory(sweeps)) {
      return 0;
    }
    try (Stream<Path> files = Files.walk(sweeps)) {
      long runs = 0;
      for (Path f : files.filter(p -> p.getFileName().toString().equals("metrics.csv")).toList()) {
        runs += Files.readAllLines(f).size() - 1 > steps ? 1 : 0;
      }
      return runs;
    }
  }

  @Test
  void aTypoInASweptValueIsReportedBeforeAnythingRuns() throws Exception {
    Files.writeString(dir.resolve("tiny.verity"), "experiment \"tiny\" seed 1\n" + Tiny.DECLARE
        + Tiny.sft("warm", 3));
    try (Tiny.Session s = Tiny.open(dir)) {
      JsonNode error = s.error("%sweep tiny.verity --seeds 2 --set warm.steps=2,0");
      assertTrue(error.path("evalue").asText().startsWith("--set warm.steps:1:12: error: 'steps' must be ≥ 1"),
          error.toString());
      assertTrue(!Files.exists(dir.resolve("sweeps")), "nothing was written");
      JsonNode option = s.error("%sweep tiny.verity --seedz 2");
      assertTrue(option.path("evalue").asText().startsWith("%sweep: Unknown options: '--seedz'"), option.toString());
    }
  }

  @Test
  void aComparedFigureNoRunHasAValueOfIsNamedWithTheFiguresTheyHave() throws Exception {
    Path run = HandRuns.run(dir.resolve("runs"), "experiment \"exp\" seed 1\n", 1, List.of(), 0.5);
    try (Tiny.Session s = Tiny.open(dir)) {
      String said = s.error("%compare runs --metric pass_at_4").path("evalue").asText();
      assertTrue(said.startsWith("%compare --metric pass_at_4: the run "), said);
      assertTrue(said.contains(run.getFileName() + " has no value of it in its final evaluations"), said);
      assertTrue(said.contains("; it has accuracy, pass_at_k, response_len_mean: compare one of those"), said);
      List<JsonNode> compared = s.ok("%compare runs --metric accuracy --metric pass_at_4");
      assertTrue(texts(compared).get(0).contains("accuracy"), texts(compared).toString());
    }
  }
}
