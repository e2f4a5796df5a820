package dev.verity.engine.run;

import java.nio.file.Path;
import java.util.List;

/** The fields of one CSV record with typed access; a bad value is an error naming file, line and column. */
final class Fields {
  private final Path file;
  private final List<String> header;
  private final Csv.Row row;

  Fields(Path file, List<String> header, Csv.Row row) throws RunFormatException {
    this.file = file;
    this.header = header;
    this.row = row;
    if (row.fields().size() != header.size()) {
      throw RunFormatException.at(file, row.line(), "expected " + header.size() + " fields ("
          + String.join(",", header) + "), found " + row.fields().size());
    }
  }

  String text(int i) {
    return row.fields().get(i);
  }

  long whole(int i) throws RunFormatException {
    try {
      return Long.parseLong(text(i));
    } catch (NumberFormatException e) {
      throw bad(i, "a whole number");
    }
  }

  int integer(int i) throws RunFormatException {
    long v = whole(i);
    if (v != (int) v) {
      throw bad(i, "a whole number in int range");
    }
    return (int) v;
  }

  /** A double as written by {@link #number(double)}: empty for NaN. */
  double number(int i) throws RunFormatException {
    String s = text(i);
    if (s.isEmpty()) {
      return Double.NaN;
    }
    try {
      return Double.parseDouble(s);
    } catch (NumberFormatException e) {
      throw bad(i, "a number or empty");
    }
  }

  /** How a double is written: empty for NaN, else {@link Double#toString}, which parses back to the same bits. */
  static String number(double v) {
    return Double.isNaN(v) ? "" : Double.toString(v);
  }

  private RunFormatException bad(int i, String expected) {
    return RunFormatException.at(file, row.line(), "column '" + header.get(i) + "' is '" + text(i)
        + "', expected " + expected);
  }
}
