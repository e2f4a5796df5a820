package dev.verity.kernel.testkit;

import dev.verity.engine.report.Chart;
import dev.verity.engine.report.Series;
import dev.verity.engine.report.Verdict;
import dev.verity.kernel.KernelBackend;
import dev.verity.kernel.cell.CellError;
import dev.verity.kernel.cell.CellEvaluator;
import dev.verity.kernel.cell.CellOutput;
import dev.verity.kernel.cell.Completions;
import dev.verity.kernel.cell.DisplayHandle;
import dev.verity.kernel.cell.HelpText;
import dev.verity.kernel.cell.IsComplete;
import dev.verity.kernel.magic.Magic;
import dev.verity.kernel.magic.MagicHandler;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;
import java.util.concurrent.CopyOnWriteArrayList;
import tech.tablesaw.api.DoubleColumn;
import tech.tablesaw.api.StringColumn;
import tech.tablesaw.api.Table;

/**
 * A tiny line-per-command language standing in for the DSL in kernel tests (the kernel must not depend on the
 * DSL). Found by {@link java.util.ServiceLoader} through src/test/resources/META-INF/services.
 */
public final class FixtureLanguage implements KernelBackend, CellEvaluator, MagicHandler {
  /** Commands and their help, which completion and inspection answer from. */
  static final Map<String, String> COMMANDS = new TreeMap<>(Map.ofEntries(
      Map.entry("noop", "noop: does nothing"),
      Map.entry("show", "show TEXT: displays TEXT"),
      Map.entry("print", "print TEXT: prints TEXT to stdout"),
      Map.entry("chart", "chart: displays a chart of two series"),
      Map.entry("table", "table: displays a small table"),
      Map.entry("verdict", "verdict pass|fail: displays a check's verdict"),
      Map.entry("live", "live N: displays a chart and updates it N times"),
      Map.entry("fail", "fail MESSAGE: fails with a diagnostic"),
      Map.entry("crash", "crash: throws a Java exception, as a bug would"),
      Map.entry("exhaust", "exhaust: throws OutOfMemoryError"),
      Map.entry("loop", "loop: runs until interrupted")));

  private final List<Magic> magicsSeen = new CopyOnWriteArrayList<>();
  private volatile boolean interrupted;

  @Override
  public CellEvaluator evaluator() {
    return this;
  }

  @Override
  public MagicHandler magics() {
    return this;
  }

  /** The magics handled so far, in order. */
  public List<Magic> magicsSeen() {
    return List.copyOf(magicsSeen);
  }

  @Override
  public void handle(Magic magic, CellOutput out) {
    magicsSeen.add(magic);
    out.print("magic " + magic + "\n");
  }

  @Override
  public void evaluate(String code, CellOutput out) throws CellError {
    interrupted = false;
    String[] lines = code.split("\n", -1);
    for (int i = 0; i < lines.length; i++) {
      String line = lines[i].strip();
      if (line.isEmpty() || line.startsWith("#")) {
        continue;
      }
      String command = line.split(" ", 2)[0];
      String arg = line.contains(" ") ? line.substring(line.indexOf(' ') + 1) : "";
      run(i + 1, lines[i], command, arg, out);
    }
  }

  private void run(int lineNo, String line, String command, String arg, CellOutput out) throws CellError {
    switch (command) {
      case "noop" -> { }
      case "show" -> out.display(arg);
      case "print" -> out.print(arg + "\n");
      case "chart" -> out.display(chart(5));
      case "table" -> out.display(table());
      case "verdict" -> out.display(new Verdict(arg.equals("pass"), "12+30=42 scores 1"));
      case "live" -> live(Integer.parseInt(arg), out);
      case "fail" -> throw CellError.diagnostic(arg, List.of(
          "cell:" + lineNo + ":6: error: " + arg, "  " + line, "       " + "^".repeat(arg.length())));
      case "crash" -> throw new IllegalStateException("fixture bug");
      case "exhaust" -> throw new OutOfMemoryError("fixture heap");
      case "loop" -> loop();
      default -> throw CellError.of("line " + lineNo + ": unknown command '" + command + "'");
    }
  }

  private void loop() throws CellError {
    while (!interrupted) {
      try {
        Thread.sleep(2);
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
        break;
      }
    }
    throw CellError.interrupted();
  }

  private static void live(int updates, CellOutput out) {
    DisplayHandle handle = out.display(chart(1));
    for (int i = 2; i <= updates + 1; i++) {
      handle.update(chart(i));
    }
  }

  public static Chart chart(int points) {
    double[] x = new double[points];
    double[] accuracy = new double[points];
    double[] length = new double[points];
    for (int i = 0; i < points; i++) {
      x[i] = i * 25;
      accuracy[i] = i / (double) points;
      length[i] = 10 + 3 * i;
    }
    return new Chart("accuracy by step", "step", "value",
        List.of(new Series("accuracy", x, accuracy), new Series("response_len_mean", x, length)));
  }

  public static Table table() {
    return Table.create("rollouts",
        StringColumn.create("prompt", "12+30=", "7+5=", "<b>1&2</b>"),
        DoubleColumn.create("reward", 1.0, 0.0, 0.5));
  }

  @Override
  public void interrupt() {
    interrupted = true;
  }

  /** Editor help on a cell holding this word overflows the stack, as a parser does on brackets nested too deep. */
  static final String OVERFLOW = "overflow";

  @Override
  public Completions complete(String code, int cursor) {
    overflowOn(code);
    int start = cursor;
    while (start > 0 && Character.isLetter(code.charAt(start - 1))) {
      start--;
    }
    String prefix = code.substring(start, cursor);
    List<String> matches = new ArrayList<>();
    for (String name : COMMANDS.keySet()) {
      if (name.startsWith(prefix)) {
        matches.add(name);
      }
    }
    return new Completions(matches, start, cursor);
  }

  @Override
  public Optional<HelpText> inspect(String code, int cursor) {
    overflowOn(code);
    int start = cursor;
    while (start > 0 && Character.isLetter(code.charAt(start - 1))) {
      start--;
    }
    int end = cursor;
    while (end < code.length() && Character.isLetter(code.charAt(end))) {
      end++;
    }
    return Optional.ofNullable(COMMANDS.get(code.substring(start, end))).map(HelpText::new);
  }

  @Override
  public IsComplete isComplete(String code) {
    overflowOn(code);
    if (code.contains("!!")) {
      return IsComplete.INVALID;
    }
    return code.endsWith("\\") ? IsComplete.incomplete("  ") : IsComplete.COMPLETE;
  }

  private static void overflowOn(String code) {
    if (code.contains(OVERFLOW)) {
      throw new StackOverflowError("fixture: nested too deeply");
    }
  }
}
