package dev.verity.kernel.backend;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import dev.verity.engine.report.Chart;
import dev.verity.engine.doctor.Finding;
import dev.verity.engine.metric.Metric;
import dev.verity.engine.train.StepMetrics;
import dev.verity.kernel.cell.CellOutput;
import dev.verity.kernel.cell.DisplayHandle;
import dev.verity.kernel.jupyter.KernelTestKit;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** During sft and rl a cell shows one progress line and one chart, redrawn in place a few times a second. */
class LiveTrainingTest {
  @TempDir Path dir;

  @Test
  void aTrainingCellRedrawsItsProgressAndChartInPlaceAFewTimesASecond() throws Exception {
    try (Tiny.Session s = Tiny.open(dir)) {
      s.ok(Tiny.DECLARE);
      long started = System.nanoTime();
      List<KernelTestKit.Sent> sent = s.kit().execute(Tiny.rl("live", 12));
      double seconds = (System.nanoTime() - started) / 1e9;
      assertEquals("ok", KernelTestKit.only(sent, "execute_reply").content().path("status").asText());

      // a tiny untrained model: the doctor's banners (truncated responses, no reward spread) follow the chart
      List<KernelTestKit.Sent> banners = ofType(sent, "display_data").stream()
          .filter(d -> d.content().path("data").path("text/html").asText().startsWith("<div class=\"verity-doctor\""))
          .toList();
      assertTrue(banners.stream().anyMatch(b -> text(b).startsWith("doctor: live step 10: in each of the last 10")),
          banners.toString());
      List<KernelTestKit.Sent> displays = ofType(sent, "display_data").stream().filter(d -> !banners.contains(d))
          .toList();
      assertEquals(3, displays.size(), "progress, chart, then the stage's summary: " + displays);
      assertEquals(2, ofType(sent, "display_data").indexOf(banners.get(0)), "the banners come under the chart");
      String progressId = displayId(displays.get(0));
      String chartId = displayId(displays.get(1));
      assertTrue(text(displays.get(0)).startsWith("rl live (policy): step 0/12"), text(displays.get(0)));
      assertTrue(text(displays.get(2)).startsWith("rl live: policy, 12 steps"), text(displays.get(2)));

      Map<String, List<JsonNode>> updates = new LinkedHashMap<>();
      for (KernelTestKit.Sent u : ofType(sent, "update_display_data")) {
        updates.computeIfAbsent(displayId(u), id -> new ArrayList<>()).add(u.content().path("data"));
      }
      List<JsonNode> progress = updates.get(progressId);
      List<JsonNode> chart = updates.get(chartId);
      System.out.printf("live rl, 12 steps in %.1f s: %d progress and %d chart redraws%n", seconds, progress.size(),
          chart.size());
      long allowed = Math.round(seconds * 3) + 2; // three a second, plus the final redraw
      assertTrue(progress.size() <= allowed && chart.size() <= allowed,
          progress.size() + " and " + chart.size() + " redraws in " + seconds + " s");
      assertTrue(chart.size() <= progress.size(), "the chart is redrawn no more often than the line");
      if (seconds > 1.5) {
        assertTrue(progress.size() >= 2, "redraws while it runs, not only at the end: " + progress.size());
      }
      String last = progress.get(progress.size() - 1).path("text/plain").asText();
      assertTrue(last.startsWith("rl live (policy): done, 12 steps in "), last);
      assertTrue(last.contains("accuracy"), last);
      JsonNode finalChart = chart.get(chart.size() - 1);
      assertTrue(finalChart.has("image/png"), "the final chart stays, as a PNG");
      assertTrue(finalChart.path("text/plain").asText().contains("response_len_mean: 12 points"),
          finalChart.path("text/plain").asText());

      try (Stream<Path> charts = Files.list(runDir().resolve("charts"))) {
        assertEquals(List.of("rl-live-policy.png"), charts.map(p -> p.getFileName().toString()).toList(),
            "the final training chart is saved with the run");
      }
    }
  }

  @Test
  void redrawsAreThrottledOnWallTimeWithAFinalOne() {
    Recorder out = new Recorder(0);
    List<Chart> kept = new ArrayList<>();
    LiveOutput live = new LiveOutput(out, kept::add, () -> out.now);
    train(live, out, 100); // a step every 50 ms: 5 s in all

    assertEquals(2, out.shown.size());
    assertTrue(out.lines.size() <= 5 * 3 + 1, "at most three redraws a second plus the last: " + out.lines.size());
    assertTrue(out.lines.size() >= 5 * 2, "redrawn while it runs: " + out.lines.size());
    assertTrue(out.charts.size() <= 5 / 2 + 1 && out.charts.size() >= 2, "a chart every two seconds plus the last,"
        + " as drawing one stalls training on two cores: " + out.charts.size());
    assertEquals("sft warm (policy): done, 100 steps in 0:05 · loss 1.0100", out.lines.get(out.lines.size() - 1));
    assertEquals(1, kept.size());
    assertEquals(100, kept.get(0).series().get(0).size());
  }

  @Test
  void aChartThatTakesLongToDrawIsRedrawnLessOften() {
    Recorder out = new Recorder(100_000_000L); // each chart takes 100 ms to draw
    LiveOutput live = new LiveOutput(out, chart -> { }, () -> out.now);
    train(live, out, 400); // 20 s of steps, and the charts' own time
    long charts = out.charts.size() - 2; // the first is drawn before any cost is known, the last whatever it costs
    assertTrue(charts * 100_000_000L * LiveOutput.CHART_COST_SHARE <= out.now, out.charts.size() + " charts in "
        + out.now / 1e9 + " s: each waits thirty times its drawing time");
    assertTrue(charts >= 3, "still redrawn while it runs: " + charts);
    assertTrue(out.charts.get(out.charts.size() - 1).series().get(0).size() == 400, "the last chart is final");
  }

  @Test
  void aFindingOfTheDoctorIsABannerUnderTheStagesChart() {
    Recorder out = new Recorder(0);
    LiveOutput live = new LiveOutput(out, chart -> { }, () -> out.now);
    live.stageStarted("tune", "rl", "policy", 12);
    Finding finding = new Finding("tune", 9, "zero_std", "no spread", "use a curriculum");
    live.finding(finding);
    assertEquals(3, out.shown.size(), "progress, chart, banner");
    assertInstanceOf(Chart.class, out.shown.get(1));
    assertEquals(finding, out.shown.get(2), "shown by the Finding renderer as a banner");
  }

  private static void train(LiveOutput live, Recorder out, int steps) {
    live.stageStarted("warm", "sft", "policy", steps);
    for (int step = 0; step < steps; step++) {
      out.now += 50_000_000L;
      live.step(StepMetrics.of("warm", step).with(Metric.LOSS, 2.0 - step / 100.0).with(Metric.LR, 1e-3)
          .with(Metric.GRAD_NORM, 1.0).with(Metric.TOKENS_PER_S, 1000).with(Metric.ELAPSED_S, (step + 1) * 0.05));
    }
    live.stageFinished("warm", steps, false);
  }

  /** A cell output on a fake clock that keeps what is shown and redrawn; drawing a chart advances the clock. */
  private static final class Recorder implements CellOutput {
    final List<Object> shown = new ArrayList<>();
    final List<String> lines = new ArrayList<>();
    final List<Chart> charts = new ArrayList<>();
    final long chartCost;
    long now;

    Recorder(long chartCost) {
      this.chartCost = chartCost;
    }

    @Override
    public DisplayHandle display(Object value) {
      shown.add(value);
      return update -> {
        if (update instanceof Chart c) {
          charts.add(c);
          now += chartCost;
        } else {
          lines.add((String) update);
        }
      };
    }

    @Override
    public void print(String text) {}

    @Override
    public void printError(String text) {}
  }

  private Path runDir() throws Exception {
    try (Stream<Path> runs = Files.list(dir.resolve("runs"))) {
      return runs.findFirst().orElseThrow();
    }
  }

  private static List<KernelTestKit.Sent> ofType(List<KernelTestKit.Sent> sent, String type) {
    return sent.stream().filter(m -> m.type().equals(type)).toList();
  }

  private static String displayId(KernelTestKit.Sent display) {
    return display.content().path("transient").path("display_id").asText();
  }

  private static String text(KernelTestKit.Sent display) {
    return display.content().path("data").path("text/plain").asText();
  }
}
