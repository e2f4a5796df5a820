package dev.verity.kernel.backend;

import dev.verity.engine.report.Chart;
import dev.verity.engine.run.Recorder;
import dev.verity.kernel.render.ChartRenderer;
import dev.verity.kernel.render.MimeBundle;
import java.io.IOException;
import java.nio.file.Path;
import java.util.Base64;
import java.util.Optional;

/** Saves the charts a session shows as PNGs in its run, named after their titles (see {@link Recorder#saveChart}). */
final class ChartFiles {
  private static final ChartRenderer RENDERER =
      new ChartRenderer(ChartRenderer.DEFAULT_WIDTH, ChartRenderer.DEFAULT_HEIGHT);

  private ChartFiles() {}

  /** Renders and saves {@code chart}; nothing for a chart with no points yet. */
  static Optional<Path> save(Recorder run, Chart chart) throws IOException {
    String png = RENDERER.render(chart).data().get(MimeBundle.PNG);
    if (png == null) {
      return Optional.empty();
    }
    return Optional.of(run.saveChart(chart.title(), Base64.getDecoder().decode(png)));
  }
}
