package dev.verity.kernel.backend;

import dev.verity.engine.checkpoint.AtomicFiles;
import dev.verity.engine.report.Chart;
import dev.verity.engine.run.RunDirectory;
import dev.verity.kernel.render.ChartRenderer;
import dev.verity.kernel.render.MimeBundle;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Base64;
import java.util.Optional;

/** Saves the charts a session shows as PNGs in its run's charts/ folder, named after their titles. */
final class ChartFiles {
  private static final ChartRenderer RENDERER =
      new ChartRenderer(ChartRenderer.DEFAULT_WIDTH, ChartRenderer.DEFAULT_HEIGHT);

  private ChartFiles() {}

  /**
   * Writes {@code chart} to {@code dir} as {@code <title>.png} ({@code -2}, {@code -3}… when a chart of that title
   * is there already: a cell run twice keeps both); nothing for a chart with no points yet.
   */
  static Optional<Path> save(Path dir, Chart chart) throws IOException {
    String png = RENDERER.render(chart).data().get(MimeBundle.PNG);
    if (png == null) {
      return Optional.empty();
    }
    String base = RunDirectory.fileName(chart.title());
    Path file = dir.resolve(base + ".png");
    for (int n = 2; Files.exists(file); n++) {
      file = dir.resolve(base + "-" + n + ".png");
    }
    byte[] bytes = Base64.getDecoder().decode(png);
    AtomicFiles.write(file, out -> out.write(bytes));
    return Optional.of(file);
  }
}
