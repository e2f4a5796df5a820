package dev.verity.engine.run;

import dev.verity.engine.checkpoint.AtomicFiles;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.function.Predicate;

/**
 * A CSV file of rows of type {@code T} under a fixed header whose first two columns are stage and step. The header
 * is written atomically when the file is made, so the file exists with its whole header or not at all.
 */
final class CsvLog<T> implements RunLog {

  /** How rows of {@code T} map to the fields under a header. */
  interface Schema<T> {
    List<String> header();

    List<String> fields(T row);

    T parse(Fields fields) throws RunFormatException;
  }

  private final Path file;
  private final Schema<T> schema;
  private final String header;

  CsvLog(Path file, Schema<T> schema) {
    this.file = file;
    this.schema = schema;
    this.header = Csv.line(schema.header());
  }

  Path file() {
    return file;
  }

  /** Writes the header unless the file exists. */
  void create() throws IOException {
    if (!Files.exists(file)) {
      AtomicFiles.writeString(file, header);
    }
  }

  void append(List<T> rows) throws IOException {
    StringBuilder lines = new StringBuilder();
    for (T row : rows) {
      List<String> fields = schema.fields(row);
      if (fields.size() != schema.header().size()) {
        throw new IllegalStateException("a row of " + file.getFileName() + " must have " + schema.header().size()
            + " fields, not " + fields.size());
      }
      lines.append(Csv.line(fields));
    }
    AppendFiles.append(file, lines.toString().getBytes(StandardCharsets.UTF_8));
  }

  /** Every complete row in file order; none when the file does not exist. */
  List<T> read() throws IOException {
    List<T> out = new ArrayList<>();
    List<Csv.Row> rows = scan().rows();
    int recorded = rows.isEmpty() ? 0 : rows.get(0).fields().size();
    for (int i = 1; i < rows.size(); i++) {
      out.add(schema.parse(new Fields(file, schema.header(), padded(rows.get(i), recorded))));
    }
    return out;
  }

  @Override
  public void repair() throws IOException {
    Csv.Scan scan = scan();
    if (!scan.rows().isEmpty() && !scan.rows().get(0).fields().equals(schema.header())) {
      List<String> added = schema.header().subList(scan.rows().get(0).fields().size(), schema.header().size());
      throw RunFormatException.at(file, 1, "this file was written by an earlier Verity, without the columns "
          + String.join(", ", added) + ", so the run cannot go on here: replay it into a new directory, or resume"
          + " it with the Verity that recorded it");
    }
    if (scan.rows().isEmpty()) { // the header itself is made atomically; write it again if it was removed
      AtomicFiles.writeString(file, header);
    } else {
      AppendFiles.truncate(file, scan.completeEnd());
    }
  }

  @Override
  public void cut(AppendFiles.Keep keep) throws IOException {
    List<Csv.Row> rows = scan().rows();
    for (int i = 1; i < rows.size(); i++) {
      Fields f = new Fields(file, schema.header(), rows.get(i));
      if (!keep.keeps(f.text(0), f.whole(1))) {
        AppendFiles.truncate(file, rows.get(i).start());
        return;
      }
    }
  }

  /** Cuts the last rows for which {@code drop} holds, walking back from the end while it does. */
  void cutTrailing(Predicate<T> drop) throws IOException {
    List<Csv.Row> rows = scan().rows();
    int keep = rows.size();
    while (keep > 1 && drop.test(schema.parse(new Fields(file, schema.header(), rows.get(keep - 1))))) {
      keep--;
    }
    if (keep < rows.size()) {
      AppendFiles.truncate(file, rows.get(keep).start());
    }
  }

  /** The complete records, the first of them checked to be this file's header. */
  private Csv.Scan scan() throws IOException {
    if (!Files.exists(file)) {
      return new Csv.Scan(List.of(), 0);
    }
    byte[] bytes = RunFiles.bytes(file);
    Csv.Scan scan = Csv.scan(file, bytes);
    // complete records only: a crash may have cut the last line inside a character, which a repair drops
    RunFiles.requireUtf8(file, bytes, 0, (int) scan.completeEnd(), 1, 0);
    if (!scan.rows().isEmpty() && !olderOrSame(scan.rows().get(0).fields())) {
      throw RunFormatException.at(file, 1, "the header is '" + String.join(",", scan.rows().get(0).fields())
          + "' but this Verity writes '" + String.join(",", schema.header())
          + "'; the file was edited, or written by another version of Verity: read it with the Verity that"
          + " recorded it, or run the experiment again");
    }
    return scan;
  }

  /**
   * Whether a file's header is this Verity's, or an earlier one's: columns are only ever added at the end (see
   * {@code Metric}), so an earlier header is a prefix of this one.
   */
  private boolean olderOrSame(List<String> recorded) {
    List<String> now = schema.header();
    return recorded.size() <= now.size() && recorded.size() >= 2 && now.subList(0, recorded.size()).equals(recorded);
  }

  /** A row of a file with {@code recorded} columns, with empty fields for the columns added since (read as NaN). */
  private Csv.Row padded(Csv.Row row, int recorded) {
    int missing = schema.header().size() - recorded;
    if (missing == 0 || row.fields().size() != recorded) {
      return row; // this Verity's, or malformed: Fields says which
    }
    List<String> fields = new ArrayList<>(row.fields());
    fields.addAll(Collections.nCopies(missing, ""));
    return new Csv.Row(fields, row.line(), row.start(), row.end());
  }
}
