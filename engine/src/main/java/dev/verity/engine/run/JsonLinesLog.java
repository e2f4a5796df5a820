package dev.verity.engine.run;

import com.fasterxml.jackson.core.JacksonException;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.ObjectReader;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.List;

/**
 * A JSON-lines record file: one record per line, each with a text {@code stage} and a whole {@code step} that a
 * resume cuts by (rollouts.jsonl's {@link RolloutRecord}s, doctor.jsonl's findings). JSON escapes line breaks
 * inside strings, so a line break always ends a record; a last line without one is a record a crash cut.
 * Doubles are written as Jackson writes them ({@link Double#toString}, exact on reading back); NaN and infinities
 * as the strings {@code "NaN"}, {@code "Infinity"}, {@code "-Infinity"}.
 */
final class JsonLinesLog<T> implements RunLog {
  private static final ObjectMapper MAPPER = new ObjectMapper();

  private final Path file;
  private final ObjectReader reader;
  private final String what; // how messages name a record: "rollout record"

  JsonLinesLog(Path file, Class<T> type, String what) {
    this.file = file;
    this.what = what;
    this.reader = MAPPER.readerFor(type)
        .with(DeserializationFeature.FAIL_ON_MISSING_CREATOR_PROPERTIES,
            DeserializationFeature.FAIL_ON_NULL_FOR_PRIMITIVES)
        .without(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES); // a newer Verity may add fields
  }

  /** Something that takes the complete lines of the file in order, each with its number and byte offset. */
  @FunctionalInterface
  interface LineVisitor {
    void visit(byte[] line, long lineNumber, long start) throws IOException;
  }

  @FunctionalInterface
  interface RecordVisitor<T> {
    void visit(T record) throws IOException;
  }

  /** Makes the file, empty, unless it exists. */
  void create() throws IOException {
    if (!Files.exists(file)) {
      Files.createFile(file);
    }
  }

  void append(List<T> records) throws IOException {
    ByteArrayOutputStream lines = new ByteArrayOutputStream();
    for (T r : records) {
      lines.write(MAPPER.writeValueAsBytes(r));
      lines.write('\n');
    }
    AppendFiles.append(file, lines.toByteArray());
  }

  /** Streams the complete records in file order, without holding the whole file. */
  void forEach(RecordVisitor<T> visitor) throws IOException {
    forEachLine((line, n, start) -> visitor.visit(parse(line, n)));
  }

  List<T> read() throws IOException {
    List<T> out = new ArrayList<>();
    forEach(out::add);
    return out;
  }

  /** The last {@code count} complete records, in file order, read without holding the whole file. */
  List<T> last(int count) throws IOException {
    Deque<T> last = new ArrayDeque<>();
    forEach(r -> {
      last.addLast(r);
      if (last.size() > count) {
        last.removeFirst();
      }
    });
    return new ArrayList<>(last);
  }

  @Override
  public void repair() throws IOException {
    if (Files.exists(file)) {
      AppendFiles.truncate(file, completeLength());
    }
  }

  @Override
  public void cut(AppendFiles.Keep keep) throws IOException {
    long[] firstDropped = {-1};
    forEachLine((line, n, start) -> {
      if (firstDropped[0] < 0) {
        JsonNode node = tree(line, n);
        if (!keep.keeps(node.get("stage").asText(), node.get("step").asLong())) {
          firstDropped[0] = start;
        }
      }
    });
    if (firstDropped[0] >= 0) {
      AppendFiles.truncate(file, firstDropped[0]);
    }
  }

  private T parse(byte[] line, long n) throws RunFormatException {
    try {
      return reader.readValue(line);
    } catch (IOException e) {
      throw RunFormatException.at(file, n, "not a " + what + ": " + message(e));
    }
  }

  private JsonNode tree(byte[] line, long n) throws RunFormatException {
    try {
      JsonNode node = MAPPER.readTree(line);
      if (node == null || !node.path("stage").isTextual() || !node.path("step").canConvertToLong()) {
        throw RunFormatException.at(file, n, "not a " + what + ": it needs a text 'stage' and a whole 'step'");
      }
      return node;
    } catch (IOException e) {
      throw RunFormatException.at(file, n, "not a " + what + ": " + message(e));
    }
  }

  private static String message(IOException e) {
    return e instanceof JacksonException j ? j.getOriginalMessage() : e.getMessage();
  }

  /**
   * Visits each line ended by a line break, checked to be UTF-8; a trailing partial line is left alone. The
   * visitors here fail only with a {@link RunFormatException}, so any other failure is the file's.
   */
  private void forEachLine(LineVisitor visitor) throws IOException {
    if (Files.exists(file)) {
      RunFiles.reading(file, f -> {
        readLines(visitor);
        return null;
      });
    }
  }

  private void readLines(LineVisitor visitor) throws IOException {
    try (InputStream in = Files.newInputStream(file)) {
      byte[] chunk = new byte[1 << 16];
      ByteArrayOutputStream line = new ByteArrayOutputStream();
      long offset = 0;
      long lineStart = 0;
      long lineNumber = 1;
      for (int n = in.read(chunk); n >= 0; n = in.read(chunk)) {
        int from = 0;
        for (int i = 0; i < n; i++) {
          if (chunk[i] == '\n') {
            line.write(chunk, from, i - from);
            byte[] bytes = line.toByteArray();
            RunFiles.requireUtf8(file, bytes, 0, bytes.length, lineNumber, lineStart);
            visitor.visit(bytes, lineNumber++, lineStart);
            line.reset();
            lineStart = offset + i + 1;
            from = i + 1;
          }
        }
        line.write(chunk, from, n - from);
        offset += n;
      }
    }
  }

  /** The length of the file up to and including its last line break. */
  private long completeLength() throws IOException {
    try (FileChannel ch = FileChannel.open(file, StandardOpenOption.READ)) {
      ByteBuffer buf = ByteBuffer.allocate(1 << 16);
      for (long end = ch.size(); end > 0; ) {
        long start = Math.max(0, end - buf.capacity());
        buf.clear().limit((int) (end - start));
        while (buf.hasRemaining() && ch.read(buf, start + buf.position()) >= 0) {
          // fill the block
        }
        for (int i = (int) (end - start) - 1; i >= 0; i--) {
          if (buf.get(i) == '\n') {
            return start + i + 1;
          }
        }
        end = start;
      }
      return 0;
    }
  }
}
