package dev.verity.engine.run;

import dev.verity.engine.metric.Metric;
import dev.verity.engine.train.StepMetrics;
import java.io.IOException;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;
import java.util.function.Function;

/**
 * Compares a recorded run with its replay, file by file and row by row: every metric but the clock-measured ones
 * ({@link StepMetrics#TIMING}), every evaluation figure, every field of every rollout. Numbers must match bit for
 * bit (NaN matches NaN). Per file it reports the first divergence and any rows one side lacks.
 */
public final class RunComparison {
  private RunComparison() {}

  /** How to see a record file's rows: each as its fields by name, in the file's order. */
  private record Shape<T>(String file, Function<T, Map<String, Object>> fields) {}

  private static final Shape<StepMetrics> METRICS = new Shape<>(RunDirectory.METRICS, m -> {
    Map<String, Object> fields = fields("stage", m.stage(), "step", m.step());
    for (Metric metric : Metric.step()) {
      if (!metric.is(Metric.Where.TIMING)) {
        fields.put(metric.id(), m.get(metric));
      }
    }
    return fields;
  });

  private static final Shape<EvalRow> EVALS = new Shape<>(RunDirectory.EVAL, e -> {
    Map<String, Object> fields = fields("stage", e.stage(), "step", e.step(), "task", e.task());
    Metric.evalOverall().forEach(m -> fields.put(m.id(), e.get(m)));
    return fields;
  });

  private static final Shape<EvalLevelRow> EVAL_LEVELS = new Shape<>(RunDirectory.EVAL_LEVELS, e -> {
    Map<String, Object> fields = fields("stage", e.stage(), "step", e.step(), "task", e.task(), "level", e.level(),
        "problems", e.problems());
    Metric.eval().forEach(m -> fields.put(m.id(), e.get(m)));
    return fields;
  });

  private static final Shape<RolloutRecord> ROLLOUTS = new Shape<>(RunDirectory.ROLLOUTS, r -> {
    Map<String, Object> fields = fields("stage", r.stage(), "step", r.step(), "prompt_index", r.promptIndex(),
        "sample", r.sample(), "prompt", r.prompt(), "response", r.response(), "answer", r.answer(),
        "reward", r.reward());
    r.terms().forEach((term, value) -> fields.put("terms." + term, value));
    fields.putAll(fields("advantage", r.advantage(), "length", r.length(), "truncated", r.truncated()));
    return fields;
  });

  /**
   * Reads every file a comparison reads from the recorded run, so that one missing or damaged is reported before
   * a replay spends hours rerunning it.
   *
   * @throws RunFormatException naming the file, and the line where one is damaged
   */
  public static void requireReadable(RunDirectory recorded) throws IOException {
    for (String file : List.of(RunDirectory.METRICS, RunDirectory.EVAL, RunDirectory.EVAL_LEVELS,
        RunDirectory.ROLLOUTS)) {
      if (!java.nio.file.Files.exists(recorded.path().resolve(file))) { // one that is not a file: reading says
        throw new RunFormatException(recorded.path().resolve(file) + " is missing: the run's records are"
            + " incomplete, so a replay would have nothing to compare with");
      }
    }
    recorded.records().metrics();
    recorded.records().eval();
    recorded.records().evalLevels();
    recorded.records().rollouts();
  }

  /** Every difference found, one line each; empty when the replay is identical. */
  public static List<String> compare(RunDirectory recorded, RunDirectory replay) throws IOException {
    List<String> differences = new ArrayList<>();
    differences.addAll(compare(METRICS, recorded.records().metrics(), replay.records().metrics(),
        recorded.records().columns(RunDirectory.METRICS)));
    differences.addAll(compare(EVALS, recorded.records().eval(), replay.records().eval(),
        recorded.records().columns(RunDirectory.EVAL)));
    differences.addAll(compare(EVAL_LEVELS, recorded.records().evalLevels(), replay.records().evalLevels(),
        recorded.records().columns(RunDirectory.EVAL_LEVELS)));
    differences.addAll(compare(ROLLOUTS, recorded.records().rollouts(), replay.records().rollouts(), List.of()));
    return differences;
  }

  /** {@code columns}: the recorded file's, whose values are compared; empty for all (rollouts.jsonl). */
  private static <T> List<String> compare(Shape<T> shape, List<T> recorded, List<T> replayed, List<String> columns) {
    List<String> differences = new ArrayList<>();
    int common = Math.min(recorded.size(), replayed.size());
    for (int i = 0; i < common; i++) {
      Optional<String> first = firstDivergence(shape, recorded.get(i), replayed.get(i), columns);
      if (first.isPresent()) {
        differences.add(first.get());
        break;
      }
    }
    if (recorded.size() != replayed.size()) {
      int missing = recorded.size() - replayed.size();
      differences.add(String.format("%s: the replay has %d %s rows (recorded %d, replay %d)", shape.file(),
          Math.abs(missing), missing > 0 ? "fewer" : "more", recorded.size(), replayed.size()));
    }
    return differences;
  }

  private static <T> Optional<String> firstDivergence(Shape<T> shape, T recorded, T replayed, List<String> columns) {
    Map<String, Object> a = shape.fields().apply(recorded);
    Map<String, Object> b = shape.fields().apply(replayed);
    Set<String> names = new LinkedHashSet<>(a.keySet());
    names.addAll(b.keySet());
    if (!columns.isEmpty()) {
      names.retainAll(columns); // a run recorded before a metric existed has no values of it to compare
    }
    for (String name : names) {
      if (!same(a.get(name), b.get(name))) {
        return Optional.of(String.format("%s: first divergence at stage %s, step %s, %s: recorded %s, replay %s",
            shape.file(), a.get("stage"), a.get("step"), name, show(a.get(name)), show(b.get(name))));
      }
    }
    return Optional.empty();
  }

  /** Equal values; doubles bit for bit, so 0.1 + 0.2 differs from 0.3 and NaN matches NaN. */
  static boolean same(Object a, Object b) {
    if (a instanceof Double x && b instanceof Double y) {
      return Double.doubleToLongBits(x) == Double.doubleToLongBits(y);
    }
    return Objects.equals(a, b);
  }

  /** A value as exactly as it is held: doubles in full (Java prints the shortest string that reads back the same). */
  private static String show(Object value) {
    if (value == null) {
      return "(absent)";
    }
    return value instanceof String s ? '"' + s.replace("\n", "\\n") + '"' : value.toString();
  }

  private static Map<String, Object> fields(Object... namesAndValues) {
    Map<String, Object> fields = new LinkedHashMap<>();
    for (int i = 0; i < namesAndValues.length; i += 2) {
      fields.put((String) namesAndValues[i], namesAndValues[i + 1]);
    }
    return fields;
  }
}
