package dev.verity.kernel.faults;

import dev.verity.engine.train.StepMetrics;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.stream.Stream;

/**
 * Two run directories compared file by file, as bytes on disk rather than through the engine's readers: every
 * record file line by line (the wall-clock columns of metrics.csv blanked), the source, the checkpoints byte for
 * byte, the chart names, and the manifest's stages and status.
 */
public final class RunFiles {
  static final List<String> RECORDS = List.of("metrics.csv", "eval.csv", "eval_levels.csv", "rollouts.jsonl",
      "doctor.jsonl");

  private RunFiles() {}

  /** Every difference of {@code actual} from {@code expected}, one line each; empty when they match. */
  public static List<String> differences(Path expected, Path actual) throws IOException {
    return differences(expected, actual, true);
  }

  /**
   * As above; without {@code charts}, the chart files are not compared (a notebook session also keeps the final
   * chart of each training stage, which a headless run of its source does not draw).
   */
  public static List<String> differences(Path expected, Path actual, boolean charts) throws IOException {
    List<String> out = new ArrayList<>();
    for (String file : RECORDS) {
      List<String> want = lines(expected.resolve(file));
      List<String> got = lines(actual.resolve(file));
      for (int i = 0; i < Math.min(want.size(), got.size()); i++) {
        if (!want.get(i).equals(got.get(i))) {
          out.add(file + ":" + (i + 1) + ": expected " + want.get(i) + " but found " + got.get(i));
          break;
        }
      }
      if (want.size() != got.size()) {
        out.add(file + ": " + got.size() + " lines, expected " + want.size());
      }
    }
    if (!Arrays.equals(Files.readAllBytes(expected.resolve("experiment.verity")),
        Files.readAllBytes(actual.resolve("experiment.verity")))) {
      out.add("experiment.verity differs");
    }
    Map<String, byte[]> want = files(expected.resolve("checkpoints"));
    Map<String, byte[]> got = files(actual.resolve("checkpoints"));
    if (!want.keySet().equals(got.keySet())) {
      out.add("checkpoints: " + got.keySet() + ", expected " + want.keySet());
    }
    want.forEach((name, bytes) -> {
      if (got.containsKey(name) && !Arrays.equals(bytes, got.get(name))) {
        out.add("checkpoints/" + name + ": different bytes");
      }
    });
    if (charts && !files(expected.resolve("charts")).keySet().equals(files(actual.resolve("charts")).keySet())) {
      out.add("charts: " + files(actual.resolve("charts")).keySet() + ", expected "
          + files(expected.resolve("charts")).keySet());
    }
    for (String field : List.of("\"status\"", "\"stages\"", "\"seed\"", "\"source_sha256\"")) {
      if (!manifestLine(expected, field).equals(manifestLine(actual, field))) {
        out.add("manifest.json: " + manifestLine(actual, field) + ", expected " + manifestLine(expected, field));
      }
    }
    return out;
  }

  /** A record file's whole lines, with metrics.csv's wall-clock columns emptied. */
  public static List<String> lines(Path file) throws IOException {
    String text = Files.readString(file);
    List<String> lines = new ArrayList<>(List.of(text.split("\n", -1)));
    lines.remove(lines.size() - 1); // what follows the last line end: empty, or a line cut short
    if (!file.getFileName().toString().equals("metrics.csv") || lines.isEmpty()) {
      return lines;
    }
    List<String> header = List.of(lines.get(0).split(",", -1));
    List<Integer> timing = StepMetrics.TIMING.stream().map(header::indexOf).toList();
    List<String> out = new ArrayList<>();
    for (String line : lines) {
      String[] fields = line.split(",", -1);
      for (int column : timing) {
        if (column >= 0 && column < fields.length && out.size() > 0) {
          fields[column] = "";
        }
      }
      out.add(String.join(",", fields));
    }
    return out;
  }

  private static String manifestLine(Path run, String field) throws IOException {
    String json = Files.readString(run.resolve("manifest.json"));
    int at = json.indexOf(field);
    return at < 0 ? "(no " + field + ")" : json.substring(at, json.indexOf('\n', at));
  }

  private static Map<String, byte[]> files(Path folder) throws IOException {
    Map<String, byte[]> files = new TreeMap<>();
    if (!Files.isDirectory(folder)) {
      return files;
    }
    try (Stream<Path> list = Files.list(folder)) {
      for (Path p : list.toList()) {
        files.put(p.getFileName().toString(), Files.readAllBytes(p));
      }
    }
    return files;
  }
}
