package dev.verity.engine.report;

import java.util.Arrays;

/** One named line of a {@link Chart}: points (x[i], y[i]), on the primary or the secondary y axis. */
public record Series(String name, double[] x, double[] y, boolean secondary) {
  /** A series on the primary (left) y axis. */
  public Series(String name, double[] x, double[] y) {
    this(name, x, y, false);
  }

  public Series {
    if (x.length != y.length) {
      throw new IllegalArgumentException(
          "series '" + name + "' has " + x.length + " x values but " + y.length + " y values");
    }
    x = x.clone();
    y = y.clone();
  }

  @Override
  public double[] x() {
    return x.clone();
  }

  @Override
  public double[] y() {
    return y.clone();
  }

  public int size() {
    return x.length;
  }

  @Override
  public boolean equals(Object o) {
    return o instanceof Series s && name.equals(s.name) && Arrays.equals(x, s.x) && Arrays.equals(y, s.y)
        && secondary == s.secondary;
  }

  @Override
  public int hashCode() {
    return 31 * (31 * name.hashCode() + Arrays.hashCode(x)) + Arrays.hashCode(y);
  }

  @Override
  public String toString() {
    return "Series[" + name + ", " + x.length + " points]";
  }
}
