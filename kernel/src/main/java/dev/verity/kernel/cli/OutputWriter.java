package dev.verity.kernel.cli;

import dev.verity.engine.report.Chart;
import dev.verity.engine.run.Recorder;
import dev.verity.kernel.render.MimeBundle;
import dev.verity.kernel.render.Renderers;
import java.io.IOException;
import java.io.PrintWriter;
import java.io.UncheckedIOException;
import java.nio.file.Path;
import java.util.Base64;

/**
 * What a headless run shows: each {@code plot} saved in the run directory (numbered in the order plotted, see
 * {@link Recorder#saveNumberedChart}) with its text summary; tables, check verdicts and stage summaries as text.
 */
final class OutputWriter {
  private final Recorder run;
  private final PrintWriter out;
  private final Renderers renderers = Renderers.standard();

  OutputWriter(Recorder run, PrintWriter out) {
    this.run = run;
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
    Path file;
    try {
      file = run.saveNumberedChart(chart.title(), Base64.getDecoder().decode(png));
    } catch (IOException e) {
      throw new UncheckedIOException("cannot write the chart '" + chart.title() + "' in " + run.path() + ": "
          + e.getMessage(), e);
    }
    out.println(bundle.text());
    out.println("  chart: " + file);
  }
}
