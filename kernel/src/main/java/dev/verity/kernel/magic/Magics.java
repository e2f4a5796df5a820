package dev.verity.kernel.magic;

import dev.verity.kernel.cell.CellError;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.stream.Collectors;

/**
 * Splits the {@code %} lines off the top of a cell and checks them. The code that remains keeps one line per cell
 * line (magic lines become blank), so the DSL's diagnostics name the lines the user sees.
 */
public final class Magics {

  private interface Parser {
    Magic parse(List<String> args) throws BadArguments;
  }

  private record Spec(String usage, String summary, Parser parser) {}

  private static final class BadArguments extends Exception {
    private static final long serialVersionUID = 1L;

    BadArguments(String message) {
      super(message, null, false, false);
    }
  }

  private static final Map<String, Spec> SPECS = new LinkedHashMap<>();

  /** The cell magic that makes the rest of a cell Java code. */
  public static final String JAVA_CELL = "%%java";

  static {
    spec("seed", "%seed N", "fix all randomness of what follows to seed N",
        args -> new Magic.Seed(parseLong(one(args, "a whole number, as in %seed 7"))));
    spec("threads", "%threads N", "use N compute threads",
        args -> new Magic.Threads(positiveInt(one(args, "a positive whole number, as in %threads 2"))));
    spec("device", "%device cpu|gpu", "put models on the CPU or the GPU",
        args -> new Magic.Device(device(one(args, "cpu or gpu"))));
    spec("run", "%run FILE", "run an experiment file in this session",
        args -> new Magic.Run(one(args, "one file, as in %run addition.verity")));
    spec("export", "%export FILE", "write the cells run so far as an experiment file",
        args -> new Magic.Export(one(args, "one file, as in %export my-run.verity")));
    spec("runs", "%runs", "list the recorded runs", args -> none(args, new Magic.Runs()));
    spec("sweep", "%sweep FILE|DIR …", "run FILE over seeds and settings (--seeds 5 --set rl.steps=20,40), or show"
        + " the sweep in DIR (--plot accuracy)", args -> new Magic.Sweep(some(args, "a file or a sweep directory,"
        + " as in %sweep quickstart.verity --seeds 3")));
    spec("compare", "%compare DIR…", "compare the final evaluations of sweeps or runs, pair by pair",
        args -> new Magic.Compare(some(args, "sweep or run directories, as in %compare sweeps/quickstart-…")));
    spec("classpath", "%classpath PATH", "add a jar or class folder to what Java cells see",
        args -> new Magic.Classpath(one(args, "one jar or folder, as in %classpath lib/tasks.jar")));
    spec("help", "%help", "show this list", args -> none(args, new Magic.Help()));
  }

  private static void spec(String name, String usage, String summary, Parser parser) {
    SPECS.put(name, new Spec(usage, summary, parser));
  }

  private Magics() {}

  /**
   * Splits {@code cell}; a bad or unknown magic, or a magic below code, is an error naming its line. Magics end at a
   * {@value #JAVA_CELL} line, which stays in the code.
   */
  public static SplitCell split(String cell) throws CellError {
    return split(cell, null);
  }

  /** {@link #split(String)}, its errors placed as the DSL's are: {@code cell[4]:2:3}. */
  public static SplitCell split(String cell, String label) throws CellError {
    String[] lines = cell.split("\n", -1);
    List<SplitCell.Written> magics = new ArrayList<>();
    boolean inHeader = true;
    for (int i = 0; i < lines.length; i++) {
      String text = lines[i].strip();
      if (inHeader && text.startsWith("%%")) {
        if (!text.equals(JAVA_CELL)) {
          throw error(label, i, lines[i], "unknown cell magic '" + text + "' (known: " + JAVA_CELL + ", as the first"
              + " line of a Java cell)");
        }
        break; // the rest is Java, the %%java line kept so the evaluator knows the cell's language
      }
      if (text.startsWith("%")) {
        if (!inHeader) {
          throw error(label, i, lines[i], "magics go at the top of the cell, before any code: move this line up");
        }
        magics.add(new SplitCell.Written(parse(label, i, lines[i]), label, i, lines[i]));
        lines[i] = "";
      } else if (!text.isEmpty() && !text.startsWith("#")) {
        inHeader = false;
      }
    }
    return new SplitCell(magics, String.join("\n", lines));
  }

  /** One line per magic: usage, then what it does. */
  public static String help() {
    return SPECS.values().stream()
        .map(s -> String.format("%-18s %s", s.usage(), s.summary()))
        .collect(Collectors.joining("\n", "", "\n"))
        + String.format("%-18s %s\n", JAVA_CELL, "as a cell's first line: the rest of the cell is Java (JShell)");
  }

  private static Magic parse(String label, int index, String line) throws CellError {
    List<String> words = words(line.strip().substring(1));
    String name = words.isEmpty() ? "" : words.get(0);
    Spec spec = SPECS.get(name);
    if (spec == null) {
      String known = SPECS.keySet().stream().map(n -> "%" + n).collect(Collectors.joining(", "));
      throw error(label, index, line, "unknown magic '%" + name + "' (known magics: " + known + ")");
    }
    try {
      return spec.parser().parse(words.subList(1, words.size()));
    } catch (BadArguments e) {
      throw error(label, index, line, "%" + name + " expects " + e.getMessage() + " (usage: " + spec.usage() + ")");
    }
  }

  /** Splits on blanks; a double-quoted word may hold blanks ({@code %run "my file.verity"}). */
  private static List<String> words(String text) {
    List<String> words = new ArrayList<>();
    StringBuilder word = null;
    boolean quoted = false;
    for (char c : text.toCharArray()) {
      if (c == '"') {
        quoted = !quoted;
        word = word == null ? new StringBuilder() : word;
      } else if (Character.isWhitespace(c) && !quoted) {
        if (word != null) {
          words.add(word.toString());
          word = null;
        }
      } else {
        word = word == null ? new StringBuilder() : word;
        word.append(c);
      }
    }
    if (word != null) {
      words.add(word.toString());
    }
    return words;
  }

  private static String one(List<String> args, String expected) throws BadArguments {
    if (args.size() != 1) {
      throw new BadArguments(expected + ", got " + (args.isEmpty() ? "nothing" : String.join(" ", args)));
    }
    return args.get(0);
  }

  private static List<String> some(List<String> args, String expected) throws BadArguments {
    if (args.isEmpty()) {
      throw new BadArguments(expected + ", got nothing");
    }
    return args;
  }

  private static Magic none(List<String> args, Magic magic) throws BadArguments {
    if (!args.isEmpty()) {
      throw new BadArguments("no arguments, got " + String.join(" ", args));
    }
    return magic;
  }

  private static long parseLong(String text) throws BadArguments {
    try {
      return Long.parseLong(text);
    } catch (NumberFormatException e) {
      throw new BadArguments("a whole number, got '" + text + "'");
    }
  }

  private static int positiveInt(String text) throws BadArguments {
    try {
      int n = Integer.parseInt(text);
      if (n > 0) {
        return n;
      }
    } catch (NumberFormatException e) {
      // reported below, with the expectation
    }
    throw new BadArguments("a positive whole number, got '" + text + "'");
  }

  private static Magic.Device.Kind device(String text) throws BadArguments {
    try {
      return Magic.Device.Kind.valueOf(text.toUpperCase(Locale.ROOT));
    } catch (IllegalArgumentException e) {
      throw new BadArguments("cpu or gpu, got '" + text + "'");
    }
  }

  /**
   * {@code failure}, a one-line error of the magic's handler (no such file, say), placed as a diagnostic at the
   * magic's arguments, so the user sees which line of which cell; other errors (already placed, or an interrupt)
   * come back as they are.
   */
  public static CellError placed(SplitCell.Written magic, CellError failure) {
    if (!failure.name().equals("VerityError") || failure.traceback().size() != 1) {
      return failure;
    }
    String line = magic.line();
    int name = line.indexOf('%');
    int nameEnd = wordEnd(line, name);
    int start = nameEnd;
    while (start < line.length() && Character.isWhitespace(line.charAt(start))) {
      start++;
    }
    int end = line.stripTrailing().length();
    return start >= end ? error(magic.label(), magic.index(), line, failure.getMessage())
        : error(magic.label(), magic.index(), line, start, end, failure.getMessage());
  }

  /** A diagnostic in the DSL's shape: place and message, the line, a caret under the magic. */
  private static CellError error(String label, int index, String line, String message) {
    int start = line.indexOf('%');
    return error(label, index, line, start, wordEnd(line, start), message);
  }

  private static int wordEnd(String line, int start) {
    int end = start;
    while (end < line.length() && !Character.isWhitespace(line.charAt(end))) {
      end++;
    }
    return end;
  }

  private static CellError error(String label, int index, String line, int start, int end, String message) {
    String place = (label == null ? "line " : label + ":") + (index + 1) + ":" + (start + 1) + ": error: ";
    return CellError.diagnostic(message, List.of(
        place + message,
        "  " + line,
        "  " + " ".repeat(start) + "^".repeat(end - start)));
  }
}
