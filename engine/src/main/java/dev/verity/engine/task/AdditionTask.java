package dev.verity.engine.task;

import dev.verity.engine.catalog.Param;
import java.util.List;
import java.util.Optional;
import java.util.OptionalLong;
import java.util.SplittableRandom;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * {@code addition(digits: a..b)}: prompts such as {@code 4821+357=}.
 *
 * <p>Each operand's digit count is drawn uniformly from the range, independently of the other, and numbers are
 * written in their natural variable-length form (no zero padding: padding makes direct answers easy and leaves RL
 * nothing to improve). A problem's level is the larger operand's digit count. Traces for {@code 4821+357=}:
 *
 * <ul>
 *   <li>DIRECT {@code 5178}
 *   <li>SCRATCHPAD columns from the right, each {@code a+b+c=s} (operand digits, 0 once an operand has run out;
 *       carry in; column sum): {@code 1+7+0=8|2+5+0=7|8+3+0=11|4+0+1=5|>5178}
 *   <li>VERBOSE the same columns with the carry out noted: {@code 1+7+0=8 c0|2+5+0=7 c0|8+3+0=11 c1|4+0+1=5 c0|>5178}
 * </ul>
 */
public record AdditionTask(LevelRange levels) implements ExactAnswerTask {
  /** The definition; operands of 1 to 12 digits. */
  public static final GeneratorType TYPE = new GeneratorType("addition",
      "a+b= with operands of the given digits; scratchpad: digit by digit with carries.",
      Param.range("digits").within(1, 12).byDefault(new LevelRange(2, 6)).doc("operand digits (the difficulty knob)"),
      List.of(), args -> new AdditionTask(args.range("digits")));

  /** Operands of 1 to 12 digits. */
  public static final LevelRange LIMITS = TYPE.limits();

  private static final Pattern PROMPT = Pattern.compile("(\\d{1,12})\\+(\\d{1,12})=");

  public AdditionTask {
    Knob.check(TYPE, levels);
  }

  @Override
  public GeneratorType type() {
    return TYPE;
  }

  @Override
  public AdditionTask withLevels(LevelRange levels) {
    return new AdditionTask(levels);
  }

  @Override
  public Problem generate(SplittableRandom random) {
    int digitsA = Knob.draw(levels, random);
    int digitsB = Knob.draw(levels, random);
    long a = Operands.draw(random, digitsA);
    long b = Operands.draw(random, digitsB);
    return new Problem(a + "+" + b + "=", Long.toString(a + b), Math.max(digitsA, digitsB));
  }

  /** One prompt per ordered pair of operands with digit counts in {@code levels}. */
  @Override
  public OptionalLong distinctPrompts() {
    return OptionalLong.of(Operands.pairs(levels));
  }

  /** Two operands of the top digit count: {@code 99+99=}. */
  @Override
  public int longestPrompt(LevelRange levels) {
    return 2 * levels.max() + 2;
  }

  /**
   * Exact: 99…9+99…9 is the longest on every count at once. With d the top digit count the sum has d+1 digits,
   * and each of the d columns is {@code 9+9+1=19|} (9 characters, 12 with the carry note {@code  c1}).
   */
  @Override
  public Example longestExample(LevelRange levels, TraceStyle style) {
    int d = levels.max();
    int answer = d + 1;
    int trace = switch (style) {
      case DIRECT -> answer;
      case SCRATCHPAD -> 9 * d + 1 + answer;
      case VERBOSE -> 12 * d + 1 + answer;
      case REFLECT -> 2 * 9 * d + 1 + answer; // every column written wrong first: 9d more
    };
    return new Example(longestPrompt(levels), trace);
  }

  @Override
  public Optional<ArithmeticSteps> steps() {
    return Optional.of(ArithmeticSteps.INTEGERS);
  }

  @Override
  public String alphabet() {
    return " +0123456789=>c|";
  }

  @Override
  public String trace(Problem problem, TraceStyle style) {
    ArithmeticSteps.requireFixed(style);
    Matcher m = PROMPT.matcher(problem.prompt());
    if (!m.matches()) {
      throw new IllegalArgumentException("not an addition prompt: '" + problem.prompt() + "' (expected e.g. 4821+357=)");
    }
    String a = m.group(1);
    String b = m.group(2);
    String answer = Long.toString(Long.parseLong(a) + Long.parseLong(b));
    return style == TraceStyle.DIRECT ? answer : columns(a, b, style == TraceStyle.VERBOSE) + Answers.MARK + answer;
  }

  /** One {@code a+b+c=s|} step per column, from the right; with notes, the carry out after each sum. */
  private static String columns(String a, String b, boolean notes) {
    StringBuilder out = new StringBuilder();
    int carry = 0;
    for (int place = 0; place < Math.max(a.length(), b.length()); place++) {
      int x = Operands.digitFromRight(a, place);
      int y = Operands.digitFromRight(b, place);
      int sum = x + y + carry;
      out.append(x).append('+').append(y).append('+').append(carry).append('=').append(sum);
      carry = sum / 10;
      if (notes) {
        out.append(" c").append(carry);
      }
      out.append('|');
    }
    return out.toString();
  }
}
