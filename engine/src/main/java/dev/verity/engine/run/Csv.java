package dev.verity.engine.run;

import java.io.BufferedInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/**
 * RFC 4180 records for the run's CSV files. Writing quotes a field only when it holds a comma, quote, CR or LF
 * and ends records with LF. Reading scans bytes (every delimiter is ASCII, which never occurs inside a UTF-8
 * sequence) and tells complete records, ended by a line break outside quotes, from a trailing one a crash cut.
 */
final class Csv {
  private Csv() {}

  /** A complete record: its fields, the line it starts on (1-based), and its byte span including the break. */
  record Row(List<String> fields, long line, long start, long end) {}

  /** The complete records of a file, and the byte offset just after the last of them. */
  record Scan(List<Row> rows, long completeEnd) {}

  /** One record as a line of text, line break included. */
  static String line(List<String> fields) {
    StringBuilder out = new StringBuilder();
    for (int i = 0; i < fields.size(); i++) {
      if (i > 0) {
        out.append(',');
      }
      out.append(quote(fields.get(i)));
    }
    return out.append('\n').toString();
  }

  /**
   * The column names in the first line of {@code file}; empty when the file or its header is missing. Names are
   * plain (the writers never quote one), so the line is split at commas.
   */
  static List<String> header(Path file) throws IOException {
    if (!Files.exists(file)) {
      return List.of();
    }
    byte[] first = RunFiles.reading(file, Csv::firstLine);
    RunFiles.requireUtf8(file, first, 0, first.length, 1, 0);
    String header = new String(first, StandardCharsets.UTF_8);
    header = header.endsWith("\r") ? header.substring(0, header.length() - 1) : header;
    return header.isEmpty() ? List.of() : List.of(header.split(",", -1));
  }

  /** The bytes of {@code file} before its first line break: the header, without reading the rows below it. */
  private static byte[] firstLine(Path file) throws IOException {
    try (InputStream in = new BufferedInputStream(Files.newInputStream(file))) {
      ByteArrayOutputStream line = new ByteArrayOutputStream();
      for (int b = in.read(); b >= 0 && b != '\n'; b = in.read()) {
        line.write(b);
      }
      return line.toByteArray();
    }
  }

  static String quote(String field) {
    boolean plain = field.chars().noneMatch(c -> c == ',' || c == '"' || c == '\r' || c == '\n');
    return plain ? field : '"' + field.replace("\"", "\"\"") + '"';
  }

  /** Scans {@code bytes} (the content of {@code file}, named in errors) into complete records. */
  static Scan scan(Path file, byte[] bytes) throws RunFormatException {
    List<Row> rows = new ArrayList<>();
    List<String> fields = new ArrayList<>();
    ByteArrayOutputStream field = new ByteArrayOutputStream();
    long line = 1;
    long recordLine = 1;
    int recordStart = 0;
    boolean quoted = false; // inside a quoted field
    boolean closed = false; // a quoted field's closing quote was seen
    for (int i = 0; i < bytes.length; i++) {
      byte b = bytes[i];
      if (quoted) {
        if (b == '"' && i + 1 < bytes.length && bytes[i + 1] == '"') {
          field.write('"');
          i++;
        } else if (b == '"') {
          quoted = false;
          closed = true;
        } else {
          line += b == '\n' ? 1 : 0;
          field.write(b);
        }
      } else if (b == ',') {
        fields.add(field.toString(StandardCharsets.UTF_8));
        field.reset();
        closed = false;
      } else if (b == '\n' || (b == '\r' && i + 1 < bytes.length && bytes[i + 1] == '\n')) {
        i += b == '\r' ? 1 : 0;
        fields.add(field.toString(StandardCharsets.UTF_8));
        rows.add(new Row(List.copyOf(fields), recordLine, recordStart, i + 1));
        fields.clear();
        field.reset();
        closed = false;
        recordStart = i + 1;
        recordLine = ++line;
      } else if (closed) {
        throw RunFormatException.at(file, line, "text after a closing quote; a quoted field ends at , or a line end");
      } else if (b == '"' && field.size() == 0) {
        quoted = true;
      } else if (b == '"') {
        throw RunFormatException.at(file, line, "a quote inside an unquoted field; quote the field and double it");
      } else {
        field.write(b);
      }
    }
    return new Scan(rows, recordStart);
  }
}
