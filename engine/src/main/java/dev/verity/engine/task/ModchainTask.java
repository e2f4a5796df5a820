package dev.verity.engine.task;

import dev.verity.engine.catalog.Param;
import java.util.List;
import java.util.Optional;
import java.util.OptionalLong;
import java.util.SplittableRandom;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * {@code modchain(depth: a..b)}: a chain of {@code depth} operations ({@code + - *}) on numbers below the modulus,
 * evaluated left to right modulo m, e.g. {@code 7+5*3-8=} is ((7+5)·3−8) mod 10 = 8. The level is the depth.
 * Traces for that prompt with m = 10:
 *
 * <ul>
 *   <li>DIRECT {@code 8}
 *   <li>SCRATCHPAD one reduced step per operation: {@code 7+5=2|2*3=6|6-8=8|>8}
 *   <li>VERBOSE each step's unreduced value, then its reduction: {@code 7+5=12%10=2|2*3=6%10=6|6-8=-2%10=8|>8}
 * </ul>
 */
public record ModchainTask(LevelRange levels, int modulus) implements ExactAnswerTask {
  /** The definition; chains of 1 to 10 operations, moduli 2 to 1000. */
  public static final GeneratorType TYPE = new GeneratorType("modchain",
      "Chained modular arithmetic of the given depth.",
      Param.range("depth").within(1, 10).byDefault(new LevelRange(1, 4))
          .doc("chained operations (the difficulty knob)"),
      List.of(Param.whole("modulus").within(2, 1000).byDefault(10).doc("the modulus")),
      args -> new ModchainTask(args.range("depth"), args.whole("modulus")));

  /** Chains of 1 to 10 operations. */
  public static final LevelRange LIMITS = TYPE.limits();

  /** The modulus when the experiment names none. */
  public static final int DEFAULT_MODULUS = (Integer) TYPE.param("modulus").orElseThrow().defaultValue().orElseThrow();

  /** The largest modulus accepted. */
  public static final int MAX_MODULUS = (int) TYPE.param("modulus").orElseThrow().bound().max();

  private static final Pattern PROMPT = Pattern.compile("\\d{1,4}([+*-]\\d{1,4}){1,10}=");
  private static final Pattern STEP = Pattern.compile("([+*-])(\\d+)");

  public ModchainTask {
    Knob.check(TYPE, levels);
    if (modulus < 2 || modulus > MAX_MODULUS) {
      throw new IllegalArgumentException(
          "modchain(modulus: " + modulus + "): the modulus must lie within 2.." + MAX_MODULUS
              + "; the default is " + DEFAULT_MODULUS);
    }
  }

  @Override
  public GeneratorType type() {
    return TYPE;
  }

  @Override
  public ModchainTask withLevels(LevelRange levels) {
    return new ModchainTask(levels, modulus);
  }

  @Override
  public Problem generate(SplittableRandom random) {
    int depth = Knob.draw(levels, random);
    long value = random.nextInt(modulus);
    StringBuilder prompt = new StringBuilder().append(value);
    for (int i = 0; i < depth; i++) {
      char op = "+-*".charAt(random.nextInt(3));
      int operand = random.nextInt(modulus);
      prompt.append(op).append(operand);
      value = Math.floorMod(apply(value, op, operand), modulus);
    }
    return new Problem(prompt.append('=').toString(), Long.toString(value), depth);
  }

  /** Per depth k: a start and k operands below the modulus, and k operators of three. */
  @Override
  public OptionalLong distinctPrompts() {
    long total = 0;
    for (int depth = levels.min(); depth <= levels.max(); depth++) {
      long chains = modulus;
      for (int i = 0; i < depth; i++) {
        chains = Operands.saturatedMultiply(chains, 3L * modulus);
      }
      total = Operands.saturatedAdd(total, chains);
    }
    return OptionalLong.of(total);
  }

  /** Every number of the chain as long as the modulus allows: {@code 99*99-99=} for modulus 100. */
  @Override
  public int longestPrompt(LevelRange levels) {
    int w = Example.digits(modulus - 1L);
    return w + levels.max() * (1 + w) + 1;
  }

  /**
   * Every value, operand and reduction of w = digits(modulus − 1) characters: exact for a modulus such as 10
   * where all of them have w digits, tight otherwise. A verbose step also writes its unreduced value, at most
   * (m−1)² for {@code *}, 2m−2 for {@code +} and −(m−1) for {@code -}.
   */
  @Override
  public Example longestExample(LevelRange levels, TraceStyle style) {
    int w = Example.digits(modulus - 1L);
    if (style == TraceStyle.DIRECT) {
      return new Example(longestPrompt(levels), w);
    }
    if (style == TraceStyle.REFLECT) {
      return ArithmeticSteps.longestReflective(longestExample(levels, TraceStyle.SCRATCHPAD), w);
    }
    int step = w + 1 + w + 1 + w + 1; // v op x=r|
    if (style == TraceStyle.VERBOSE) {
      long top = modulus - 1L;
      int raw = Math.max(Example.digits(top * top), Math.max(Example.digits(2 * top), Example.digits(-top)));
      step += raw + 1 + Example.digits(modulus) + 1; // raw%m=
    }
    return new Example(longestPrompt(levels), levels.max() * step + 1 + w);
  }

  @Override
  public Optional<ArithmeticSteps> steps() {
    return Optional.of(new ArithmeticSteps(modulus));
  }

  @Override
  public String alphabet() {
    return "%*+-0123456789=>|";
  }

  @Override
  public String trace(Problem problem, TraceStyle style) {
    ArithmeticSteps.requireFixed(style);
    String prompt = problem.prompt();
    if (!PROMPT.matcher(prompt).matches()) {
      throw new IllegalArgumentException("not a modchain prompt: '" + prompt + "' (expected e.g. 7+5*3-8=)");
    }
    int firstOp = firstOperator(prompt);
    long value = Long.parseLong(prompt.substring(0, firstOp));
    StringBuilder out = new StringBuilder();
    Matcher step = STEP.matcher(prompt);
    step.region(firstOp, prompt.length() - 1);
    while (step.find()) {
      char op = step.group(1).charAt(0);
      long operand = Long.parseLong(step.group(2));
      long raw = apply(value, op, operand);
      long reduced = Math.floorMod(raw, modulus);
      out.append(value).append(op).append(operand).append('=');
      if (style == TraceStyle.VERBOSE) {
        out.append(raw).append('%').append(modulus).append('=');
      }
      out.append(reduced).append('|');
      value = reduced;
    }
    String answer = Long.toString(value);
    return style == TraceStyle.DIRECT ? answer : out.append(Answers.MARK).append(answer).toString();
  }

  private static long apply(long value, char op, long operand) {
    return op == '+' ? value + operand : op == '-' ? value - operand : value * operand;
  }

  private static int firstOperator(String prompt) {
    int i = 0;
    while (Character.isDigit(prompt.charAt(i))) {
      i++;
    }
    return i;
  }
}
