package dev.verity.engine.task;

import dev.verity.engine.catalog.Param;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.OptionalLong;
import java.util.SplittableRandom;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * {@code multiplication(digits: a..b)}: prompts such as {@code 37*24=}.
 *
 * <p>Operand digit counts are drawn as in {@link AdditionTask}, independently and unpadded; the level is the larger
 * one. Traces are long multiplication, one partial product per digit of the second operand from the right, the
 * multiplier written with its place value. For {@code 37*24=}:
 *
 * <ul>
 *   <li>DIRECT {@code 888}
 *   <li>SCRATCHPAD partial products, then their sum (left out when there is one partial):
 *       {@code 37*4=148|37*20=740|148+740=888|>888}
 *   <li>VERBOSE the same steps with the running total noted after each partial product:
 *       {@code 37*4=148 t148|37*20=740 t888|148+740=888|>888}
 * </ul>
 *
 * <p>At 3×3 digits the longest scratchpad is 71 characters and the longest verbose trace 92.
 */
public record MultiplicationTask(LevelRange levels) implements ExactAnswerTask {
  /** The definition; operands of 1 to 6 digits (products stay within a long). */
  public static final GeneratorType TYPE = new GeneratorType("multiplication",
      "a*b= with operands of the given digits.",
      Param.range("digits").within(1, 6).byDefault(new LevelRange(1, 3)).doc("operand digits (the difficulty knob)"),
      List.of(), args -> new MultiplicationTask(args.range("digits")));

  /** Operands of 1 to 6 digits. */
  public static final LevelRange LIMITS = TYPE.limits();

  private static final Pattern PROMPT = Pattern.compile("(\\d{1,6})\\*(\\d{1,6})=");

  public MultiplicationTask {
    Knob.check(TYPE, levels);
  }

  @Override
  public GeneratorType type() {
    return TYPE;
  }

  @Override
  public MultiplicationTask withLevels(LevelRange levels) {
    return new MultiplicationTask(levels);
  }

  @Override
  public Problem generate(SplittableRandom random) {
    int digitsA = Knob.draw(levels, random);
    int digitsB = Knob.draw(levels, random);
    long a = Operands.draw(random, digitsA);
    long b = Operands.draw(random, digitsB);
    return new Problem(a + "*" + b + "=", Long.toString(a * b), Math.max(digitsA, digitsB));
  }

  /** One prompt per ordered pair of operands with digit counts in {@code levels}. */
  @Override
  public OptionalLong distinctPrompts() {
    return OptionalLong.of(Operands.pairs(levels));
  }

  /** Two operands of the top digit count: {@code 99*99=}. */
  @Override
  public int longestPrompt(LevelRange levels) {
    return 2 * levels.max() + 2;
  }

  /**
   * Exact: 99…9*99…9 is the longest on every count at once. With d digits each, the partial product at place p
   * is {@code a*m=q|} with m of p+1 digits and q of d+p+1 (its running total in VERBOSE has d+p+1 too); the sum
   * line lists the d partials (when d > 1), and the product has 2d digits.
   */
  @Override
  public Example longestExample(LevelRange levels, TraceStyle style) {
    int d = levels.max();
    int answer = 2 * d;
    if (style == TraceStyle.DIRECT) {
      return new Example(longestPrompt(levels), answer);
    }
    if (style == TraceStyle.REFLECT) {
      return ArithmeticSteps.longestReflective(longestExample(levels, TraceStyle.SCRATCHPAD), answer);
    }
    int trace = 0;
    int partials = 0;
    for (int p = 0; p < d; p++) {
      int partial = d + p + 1;
      trace += d + 1 + (p + 1) + 1 + partial + 1;
      if (style == TraceStyle.VERBOSE) {
        trace += 2 + partial; // " t" and the running total, no longer than this partial product
      }
      partials += partial;
    }
    if (d > 1) {
      trace += partials + (d - 1) + 1 + answer + 1; // p1+p2+…=answer|
    }
    return new Example(longestPrompt(levels), trace + 1 + answer);
  }

  @Override
  public Optional<ArithmeticSteps> steps() {
    return Optional.of(ArithmeticSteps.INTEGERS);
  }

  @Override
  public String alphabet() {
    return " *+0123456789=>t|";
  }

  @Override
  public String trace(Problem problem, TraceStyle style) {
    ArithmeticSteps.requireFixed(style);
    Matcher m = PROMPT.matcher(problem.prompt());
    if (!m.matches()) {
      throw new IllegalArgumentException(
          "not a multiplication prompt: '" + problem.prompt() + "' (expected e.g. 37*24=)");
    }
    long a = Long.parseLong(m.group(1));
    String b = m.group(2);
    String answer = Long.toString(a * Long.parseLong(b));
    if (style == TraceStyle.DIRECT) {
      return answer;
    }
    StringBuilder out = new StringBuilder();
    List<String> partials = new ArrayList<>();
    long total = 0;
    for (int place = 0; place < b.length(); place++) {
      long multiplier = Operands.digitFromRight(b, place) * Operands.pow10(place);
      long partial = a * multiplier;
      total += partial;
      partials.add(Long.toString(partial));
      out.append(a).append('*').append(multiplier).append('=').append(partial);
      if (style == TraceStyle.VERBOSE) {
        out.append(" t").append(total);
      }
      out.append('|');
    }
    if (partials.size() > 1) {
      out.append(String.join("+", partials)).append('=').append(answer).append('|');
    }
    return out.append(Answers.MARK).append(answer).toString();
  }
}
