package dev.verity.kernel.sweep;

import java.util.List;

/**
 * A chart of means over runs, each variant a line with its 95% confidence band, against a shared x axis (steps).
 * Where a band is unknown (a single run), the line is drawn alone.
 */
public record BandChart(String title, String xLabel, String yLabel, List<Band> bands) {
  public BandChart {
    bands = List.copyOf(bands);
  }

  /** One variant: at each x, the mean and its interval (NaN where unknown). */
  public record Band(String name, double[] x, double[] mean, double[] low, double[] high) {
    public Band {
      if (mean.length != x.length || low.length != x.length || high.length != x.length) {
        throw new IllegalArgumentException("band '" + name + "' has columns of different lengths");
      }
      x = x.clone();
      mean = mean.clone();
      low = low.clone();
      high = high.clone();
    }

    public int size() {
      return x.length;
    }
  }
}
