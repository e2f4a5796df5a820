package dev.verity.engine.task;

import java.nio.file.Path;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.OptionalLong;
import java.util.Optional;
import java.util.SplittableRandom;
import java.util.TreeSet;
import java.util.stream.Collectors;

/**
 * {@code jsonl(path, prompt: "question", answer: "answer")}: problems from a user's JSON Lines file.
 *
 * <p>Each line is one object; the prompt and answer fields are required strings, an answer may not contain
 * {@code >} (it marks where a response's final answer starts). An optional trace field holds a step-by-step
 * solution: SCRATCHPAD and VERBOSE are that solution followed by {@code >} and the answer (as written when it
 * already ends so), or the answer alone on lines without one. An optional integer level field (default 0) is the
 * knob {@code level}; its limits are the lowest and highest level in the file. {@link #generate} draws uniformly
 * from the problems at the current levels. Verification follows the task's {@link AnswerRule}: by default exact,
 * as for the arithmetic tasks. With an {@code extract} regex, traces are the trace field as written (checked on
 * loading to state the answer the way the regex reads it), and a {@code >} may appear in answers. A {@link
 * JsonlSplit} keeps a train or test part of the file.
 */
public final class JsonlTask implements Task {
  /** The definition. */
  public static final TaskType TYPE = new JsonlType();

  /** One line of the file: its problem and its solution text (null when it has none). */
  public record Entry(Problem problem, String trace) {}

  /** Where the problems are: the file and the fields of each line ({@code trace} and {@code level} may be null). */
  public record Source(Path path, String promptField, String answerField, String traceField, String levelField) {}

  private final Path path;
  private final List<Entry> entries;
  private final LevelRange limits;
  private final LevelRange levels;
  private final List<Problem> current;
  private final Map<Problem, String> traces;
  private final String alphabet;
  private final boolean traced;
  private final AnswerRule rule;

  private JsonlTask(Path path, List<Entry> entries, LevelRange levels, boolean traced, AnswerRule rule) {
    this.path = path;
    this.traced = traced;
    this.rule = rule;
    this.entries = List.copyOf(entries);
    int low = entries.stream().mapToInt(e -> e.problem().level()).min().orElse(0);
    int high = entries.stream().mapToInt(e -> e.problem().level()).max().orElse(0);
    this.limits = new LevelRange(low, high);
    this.levels = Knob.check("jsonl", "level", limits, levels == null ? limits : levels);
    this.current =
        this.entries.stream().map(Entry::problem).filter(p -> this.levels.contains(p.level())).toList();
    if (current.isEmpty()) {
      throw new IllegalArgumentException(
          "jsonl(level: " + this.levels + "): " + path.getFileName() + " has no problems at these levels; "
              + "levels there: " + entries.stream().map(e -> e.problem().level()).distinct().sorted().toList());
    }
    this.traces = new HashMap<>();
    this.entries.forEach(e -> traces.putIfAbsent(e.problem(), e.trace()));
    this.alphabet = alphabetOf(this.entries);
  }

  /**
   * Loads the file; {@code traceField} and {@code levelField} may be null when the data has no such fields.
   *
   * @throws TaskDataException naming file, line and field when the file is missing or malformed
   */
  public static JsonlTask load(Path path, String promptField, String answerField, String traceField, String levelField) {
    return load(new Source(path, promptField, answerField, traceField, levelField), AnswerRule.EXACT, JsonlSplit.ALL);
  }

  /**
   * Loads the part {@code split} of the file, its answers read and compared by {@code rule}.
   *
   * @throws TaskDataException naming file, line and field when the file is missing or malformed, an answer or
   *     trace does not suit the rule, or the part holds no problems
   */
  public static JsonlTask load(Source source, AnswerRule rule, JsonlSplit split) {
    List<Entry> all = new JsonlLoader(source, rule).load();
    List<Entry> part = all.stream().filter(e -> split.holds(e.problem().prompt())).toList();
    if (part.isEmpty()) {
      throw new TaskDataException(source.path(), 0, null, "split: " + split.part().id() + " holds none of the "
          + all.size() + " problems with held_out: " + split.heldOut() + "; "
          + (split.part() == JsonlSplit.Part.TEST ? "raise held_out" : "lower held_out") + " or add problems");
    }
    return new JsonlTask(source.path(), part, null, source.traceField() != null, rule);
  }

  /** How responses are read and compared. */
  public AnswerRule rule() {
    return rule;
  }

  /** The data file. */
  public Path path() {
    return path;
  }

  /** Every problem of the file with its solution, in file order. */
  public List<Entry> entries() {
    return entries;
  }

  /** The problems at the current levels, in file order. */
  public List<Problem> problems() {
    return current;
  }

  @Override
  public TaskType type() {
    return TYPE;
  }

  @Override
  public String knobName() {
    return "level";
  }

  @Override
  public LevelRange knobLimits() {
    return limits;
  }

  @Override
  public LevelRange levels() {
    return levels;
  }

  @Override
  public JsonlTask withLevels(LevelRange levels) {
    return new JsonlTask(path, entries, levels, traced, rule);
  }

  @Override
  public Problem generate(SplittableRandom random) {
    return current.get(random.nextInt(current.size()));
  }

  /** The file's distinct prompts at the current levels. */
  @Override
  public OptionalLong distinctPrompts() {
    return OptionalLong.of(current.stream().map(Problem::prompt).distinct().count());
  }

  /** Exact: the longest prompt among the file's problems at {@code levels}; 0 when there are none. */
  @Override
  public int longestPrompt(LevelRange levels) {
    return entries.stream().filter(e -> levels.contains(e.problem().level()))
        .mapToInt(e -> e.problem().prompt().length()).max().orElse(0);
  }

  /** Exact: the file's problem at {@code levels} whose prompt and trace together are longest. */
  @Override
  public Example longestExample(LevelRange levels, TraceStyle style) {
    Example longest = new Example(0, 0);
    for (Entry e : entries) {
      if (levels.contains(e.problem().level())) {
        Example x = new Example(e.problem().prompt().length(), trace(e.problem(), style).length());
        longest = x.total() > longest.total() ? x : longest;
      }
    }
    return longest;
  }

  /** Without a trace field there are only direct traces. */
  @Override
  public Optional<String> lacks(TraceStyle style) {
    if (style == TraceStyle.REFLECT) {
      return Task.super.lacks(style);
    }
    if (style == TraceStyle.DIRECT && rule.extract().isPresent() && !directTracesRead()) {
      return Optional.of("has extract: re\"" + rule.extract().get().pattern() + "\", which does not read an answer"
          + " from the answer alone (a direct trace): give jsonl(…, trace: \"field\") and use traces: scratchpad");
    }
    return style == TraceStyle.DIRECT || traced ? Optional.empty()
        : Optional.of("has no trace field, so it has only direct traces: give jsonl(…, trace: \"field\") or use"
            + " traces: direct");
  }

  @Override
  public String alphabet() {
    return alphabet;
  }

  @Override
  public String trace(Problem problem, TraceStyle style) {
    ArithmeticSteps.requireFixed(style);
    String solution = traces.get(problem);
    if (style == TraceStyle.DIRECT || solution == null || solution.isEmpty()) {
      return problem.answer();
    }
    if (rule.extract().isPresent()) {
      return solution; // states its answer the way the regex reads it: checked on loading
    }
    String ending = Answers.MARK + problem.answer();
    return solution.endsWith(ending) ? solution : solution + ending;
  }

  @Override
  public String extractAnswer(String response) {
    return rule.extract(response);
  }

  @Override
  public boolean verify(Problem problem, String response) {
    return problem != null && rule.verify(problem.answer(), response);
  }

  /** Whether the extract regex reads every answer back from the answer alone. */
  private boolean directTracesRead() {
    return entries.stream().allMatch(e -> rule.verify(e.problem().answer(), e.problem().answer()));
  }

  private static String alphabetOf(List<Entry> entries) {
    TreeSet<Character> chars = new TreeSet<>();
    chars.add(Answers.MARK);
    for (Entry e : entries) {
      for (String s : new String[] {e.problem().prompt(), e.problem().answer(), e.trace()}) {
        if (s != null) {
          s.chars().forEach(c -> chars.add((char) c));
        }
      }
    }
    return chars.stream().map(String::valueOf).collect(Collectors.joining());
  }
}
