package dev.verity.kernel.fuzz;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import dev.verity.dsl.Compilation;
import dev.verity.dsl.Compiler;
import dev.verity.dsl.Environment;
import dev.verity.dsl.Overrides;
import dev.verity.dsl.diag.Diagnostic;
import dev.verity.kernel.backend.DslBackend;
import dev.verity.kernel.jupyter.KernelTestKit;
import java.io.IOException;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.lang.management.ManagementFactory;
import java.lang.management.ThreadMXBean;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.PriorityQueue;
import java.util.Set;
import java.util.SplittableRandom;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * 10,000 seeded mutations of valid sources ({@link Mutator}) through parse and check, and through the kernel's
 * complete, inspect and is_complete at random cursor positions, in-process as kotlin-jupyter's test kit drives a
 * kernel (signed messages, no sockets). No exception may escape anywhere, every rejection must be a diagnostic at
 * a {@code line:col} inside the input, and a rejected cell executed in the kernel must say where, in one error.
 * {@code -Dverity.fuzz.inputs=N -Dverity.fuzz.seed=S} run more, or another draw (scripts/fuzz.sh).
 */
class FuzzedCellsTest {
  static final int INPUTS = Integer.getInteger("verity.fuzz.inputs", 10_000);
  static final long SEED = Long.getLong("verity.fuzz.seed", 17L);
  /** Every how many rejected inputs one is executed as a notebook cell. */
  private static final int EXECUTE_EVERY = 10;
  private static final int MAX_REPORTED = 8;
  /** An input that takes longer than this through everything is written out for a look. */
  private static final double SLOW_MS = 1000;
  private static final Pattern PLACE = Pattern.compile("^cell\\[(\\d+)\\]:(\\d+):(\\d+): error: ");
  private static final ThreadMXBean CPU = ManagementFactory.getThreadMXBean();
  private static final Set<String> IS_COMPLETE = Set.of("complete", "incomplete", "invalid", "unknown");

  @TempDir Path dir;

  /** An input that took long, for the report. */
  private record Slow(double ms, String label, int chars) implements Comparable<Slow> {
    @Override
    public int compareTo(Slow other) {
      return Double.compare(ms, other.ms);
    }

    @Override
    public String toString() {
      return String.format("%s (%d chars): %.0f ms", label, chars, ms);
    }
  }

  private final PriorityQueue<Slow> slowest = new PriorityQueue<>();
  /** Seconds spent in each kind of request, for the report. */
  private final Map<String, Double> requestSeconds = new LinkedHashMap<>();

  /** The first input of each kind of failure (numbers aside), and how many inputs failed that way. */
  private final Map<String, String> failures = new LinkedHashMap<>();
  private final Map<String, Integer> failureCounts = new LinkedHashMap<>();

  @Test
  void mutatedSourcesGetDiagnosticsInsideTheInputOrAnswersAndNothingEscapes() throws IOException {
    Path root = Path.of("").toAbsolutePath().getParent();
    List<String> corpus = FuzzCorpus.load(root);
    Files.createDirectories(dir.resolve("data"));
    Files.copy(root.resolve("notebooks/data/problems.jsonl"), dir.resolve("data/problems.jsonl"));
    Tripwire backend = new Tripwire(new DslBackend(dir, List.of(), Clock.systemDefaultZone()));
    KernelTestKit kit = new KernelTestKit(backend);
    Mutator mutator = new Mutator(new SplittableRandom(SEED), corpus);
    SplittableRandom cursors = new SplittableRandom(SEED + 1);
    Map<Mutator.Op, Integer> ops = new EnumMap<>(Mutator.Op.class);
    int rejected = 0;
    int executed = 0;
    long compiling = 0;
    long started = System.nanoTime();
    long cpuStarted = CPU.getCurrentThreadCpuTime();
    for (int i = 0; i < INPUTS; i++) {
      List<Mutator.Op> applied = new ArrayList<>();
      String input = mutator.next(applied);
      long inputStarted = System.nanoTime();
      applied.forEach(op -> ops.merge(op, 1, Integer::sum));
      String label = "input " + i + " " + applied;

      long t = System.nanoTime();
      Compilation compiled = compile(input, label);
      compiling += System.nanoTime() - t;
      if (compiled == null) {
        continue;
      }
      if (!compiled.ok()) {
        rejected++;
        if (compiled.diagnostics().isEmpty()) {
          fail(label, input, "rejected without a diagnostic");
        }
      }
      compiled.diagnostics().list().forEach(d -> checkPlace(label, input, d));

      int codePoints = input.codePointCount(0, input.length());
      try {
        askTheKernel(kit, label, input, cursors.nextInt(codePoints + 1), codePoints);
        if (!compiled.ok() && rejected % EXECUTE_EVERY == 0 && !hasMagicLine(input)) {
          executed++;
          executeRejected(kit, label, input);
        }
      } catch (Throwable escaped) { // through the kernel's own guards: a client would wait for a reply forever
        fail(label, input, "escaped from the kernel: " + stack(escaped));
      }
      backend.takeEscaped().forEach(e -> fail(label, input, "escaped from the kernel's evaluator: " + stack(e)));
      kit.forget();
      double ms = (System.nanoTime() - inputStarted) / 1e6;
      slowest.add(new Slow(ms, label, input.length()));
      if (ms > SLOW_MS) {
        keepSlow(i, input);
      }
      if (slowest.size() > 5) {
        slowest.poll();
      }
    }
    double seconds = (System.nanoTime() - started) / 1e9;
    double cpuSeconds = (CPU.getCurrentThreadCpuTime() - cpuStarted) / 1e9;
    System.out.printf("fuzz: %d inputs (seed %d) in %.1f s: %.0f inputs/s (%.0f per CPU-second of the test's"
            + " thread) through parse, check and the kernel's complete, inspect and is_complete (parse and check"
            + " alone: %.0f inputs/s); %d rejected, %d of them executed as cells; operators %s%n", INPUTS, SEED,
        seconds, INPUTS / seconds, INPUTS / cpuSeconds, INPUTS / (compiling / 1e9), rejected, executed, ops);
    requestSeconds.put("parse+check", compiling / 1e9);
    System.out.println("fuzz: seconds by request " + requestSeconds + "; slowest inputs " + slowest.stream().sorted().toList());
    backend.close();
    List<String> report = new ArrayList<>();
    failures.forEach((kind, first) -> report.add(failureCounts.get(kind) + " × " + first));
    assertTrue(failures.isEmpty(), failures.size() + " kinds of failure (seed " + SEED + "):\n\n"
        + String.join("\n\n", report.subList(0, Math.min(MAX_REPORTED, report.size()))));
    assertTrue(rejected > INPUTS / 4 && rejected < INPUTS, "mutations should mostly break sources: " + rejected);
  }

  private Compilation compile(String input, String label) {
    try {
      return Compiler.compile(input, "fuzz.verity", dir, Environment.EMPTY, Overrides.NONE);
    } catch (Throwable escaped) {
      fail(label, input, "escaped from parse and check: " + stack(escaped));
      return null;
    }
  }

  /** A diagnostic names a line of the input and a column of that line (one past its end at most). */
  private void checkPlace(String label, String input, Diagnostic d) {
    String[] lines = input.split("\n", -1);
    int line = d.span().line();
    if (line < 1 || line > lines.length) {
      fail(label, input, "line " + line + " outside the input (" + lines.length + " lines): " + d.headline());
      return;
    }
    String text = lines[line - 1];
    int columns = text.codePointCount(0, text.length()) + 1;
    if (d.span().column() < 1 || d.span().column() > columns) {
      fail(label, input, "column " + d.span().column() + " outside line " + line + " (" + columns
          + " columns): " + d.headline());
    }
    if (d.message().startsWith("internal error")) {
      fail(label, input, d.headline());
    }
    try {
      d.render();
    } catch (RuntimeException e) {
      fail(label, input, "rendering " + d.headline() + " threw " + stack(e));
    }
  }

  /** complete, inspect and is_complete at {@code cursor} (code points, as Jupyter counts): each answered, sanely. */
  private void askTheKernel(KernelTestKit kit, String label, String input, int cursor, int codePoints) {
    JsonNode complete = reply(kit, label, input, "complete_request", Map.of("code", input, "cursor_pos", cursor));
    if (complete != null) {
      int start = complete.path("cursor_start").asInt(-1);
      int end = complete.path("cursor_end").asInt(-1);
      if (!"ok".equals(complete.path("status").asText()) || !complete.path("matches").isArray() || start < 0
          || start > end || end > codePoints) {
        fail(label, input, "complete at " + cursor + " answered " + complete);
      }
    }
    JsonNode inspect = reply(kit, label, input, "inspect_request",
        Map.of("code", input, "cursor_pos", cursor, "detail_level", 0));
    if (inspect != null && (!"ok".equals(inspect.path("status").asText()) || !inspect.path("found").isBoolean())) {
      fail(label, input, "inspect at " + cursor + " answered " + inspect);
    }
    JsonNode isComplete = reply(kit, label, input, "is_complete_request", Map.of("code", input));
    if (isComplete != null && !IS_COMPLETE.contains(isComplete.path("status").asText())) {
      fail(label, input, "is_complete answered " + isComplete);
    }
  }

  private JsonNode reply(KernelTestKit kit, String label, String input, String type, Map<String, Object> content) {
    long started = System.nanoTime();
    List<KernelTestKit.Sent> answers = kit.request(type, content);
    requestSeconds.merge(type, (System.nanoTime() - started) / 1e9, Double::sum);
    List<KernelTestKit.Sent> replies = answers.stream().filter(s -> s.channel().equals("reply")).toList();
    if (replies.size() != 1) {
      fail(label, input, type + " got " + replies.size() + " replies: " + answers);
      return null;
    }
    return replies.get(0).content();
  }

  /** A rejected cell run in the notebook: an error whose message starts {@code cell[N]:line:col} inside it. */
  private void executeRejected(KernelTestKit kit, String label, String input) {
    List<KernelTestKit.Sent> answers = kit.execute(input);
    JsonNode reply = KernelTestKit.only(answers, "execute_reply").content();
    String message = reply.path("evalue").asText();
    Matcher place = PLACE.matcher(message);
    if (!"error".equals(reply.path("status").asText()) || !place.find()) {
      fail(label, input, "executed, it answered " + reply);
      return;
    }
    String[] lines = input.split("\n", -1);
    int line = Integer.parseInt(place.group(2));
    int column = Integer.parseInt(place.group(3));
    if (line > lines.length || column > lines[line - 1].codePointCount(0, lines[line - 1].length()) + 1) {
      fail(label, input, "executed, its error points outside the cell: " + message);
    }
    assertEquals("VerityError", reply.path("ename").asText(), message);
  }

  /** Writes an input that took long to target/fuzz-slow/ to profile it. */
  private static void keepSlow(int index, String input) throws IOException {
    Path folder = Files.createDirectories(Path.of("target/fuzz-slow"));
    Files.writeString(folder.resolve("input-" + SEED + "-" + index + ".verity"), input);
  }

  private static boolean hasMagicLine(String input) {
    return input.lines().anyMatch(l -> l.strip().startsWith("%"));
  }

  private void fail(String label, String input, String problem) {
    String kind = problem.lines().findFirst().orElse("").replaceAll("[0-9]+", "N");
    if (failureCounts.merge(kind, 1, Integer::sum) == 1) {
      String shown = input.length() > 600 ? input.substring(0, 600) + "… (" + input.length() + " chars)" : input;
      failures.put(kind, label + ": " + problem + "\n  input: " + escape(shown));
    }
  }

  private static String escape(String text) {
    StringBuilder out = new StringBuilder("\"");
    for (char c : text.toCharArray()) {
      if (c == '\n') {
        out.append("\\n");
      } else if (c == '"' || c == '\\') {
        out.append('\\').append(c);
      } else if (c < 0x20 || c > 0x7e) {
        out.append(String.format("\\u%04x", (int) c));
      } else {
        out.append(c);
      }
    }
    return out.append('"').toString();
  }

  private static String stack(Throwable e) {
    StringWriter out = new StringWriter();
    e.printStackTrace(new PrintWriter(out));
    String[] lines = out.toString().split("\n");
    return String.join("\n    ", List.of(lines).subList(0, Math.min(12, lines.length)));
  }
}
