package dev.verity.kernel.cli;

import dev.verity.engine.checkpoint.AtomicFiles;
import dev.verity.engine.report.Chart;
import dev.verity.engine.run.RunDirectory;
import dev.verity.kernel.render.MimeBundle;
import dev.verity.kernel.render.Renderers;
import java.io.IOException;
import java.io.PrintWriter;
import java.io.UncheckedIOException;
import java.nio.file.Path;
import java.util.Base64;
import java.util.Locale;

/**
 * What a headless run shows: each {@code plot} as {@code charts/NN-<title>.png} in the run directory (numbered in
 * the order plotted) with its text summary; tables, check verdicts and stage summaries as text.
 */
final class OutputWriter {
  private final Path chartsDir;
  private final PrintWriter out;
  private final Renderers renderers = Renderers.standard();
  private int charts;

  OutputWriter(Path chartsDir, PrintWriter out) {
    this.chartsDir = chartsDir;
    this.out = out;
  }

  void write(Object value) {
    if (value instanceof Chart chart) {
      writeChart(chart);
    } else {
      out.println(renderers.render(value).text());
    }
    out.flush();
  }

  private void writeChart(Chart chart) {
    MimeBundle bundle = renderers.render(chart);
    String png = bundle.data().get(MimeBundle.PNG);
    if (png == null) { // nothing to draw yet: the summary says so
      out.println(bundle.text());
      return;
    }
    charts++;
    String name = String.format(Locale.ROOT, "%02d-%s.png", charts, RunDirectory.fileName(chart.title()));
    Path file = chartsDir.resolve(name);
    byte[] bytes = Base64.getDecoder().decode(png);
    try {
      AtomicFiles.write(file, stream -> stream.write(bytes));
    } catch (IOException e) {
      throw new UncheckedIOException("cannot write chart " + e.getMessage(), e); // FILE: cause
    }
    out.println(bundle.text());
    out.println("  chart: " + file);
  }
}
