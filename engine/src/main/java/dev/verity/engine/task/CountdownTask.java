package dev.verity.engine.task;

import dev.verity.engine.catalog.Param;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.SplittableRandom;
import java.util.stream.Collectors;

/**
 * {@code countdown(numbers: a..b, target: lo..hi)}: reach the target from the given numbers.
 *
 * <p>Prompt: the numbers, comma-separated, a colon, the target and {@code =}, e.g. {@code 3,7,25,50:100=}. The
 * level is how many numbers are given (2..6). Every problem is solvable: see {@link CountdownBuilder}. The given
 * numbers lie in 1..max(100, hi); the target range must lie within 1..{@value #MAX_TARGET}.
 *
 * <p>Any expression that reaches the target is right: {@code + - * /} (also {@code − × ÷}), parentheses and spaces
 * over integers, each given number used at most once, evaluated in exact rational arithmetic. Non-integer
 * intermediate values are allowed ({@code 6/4*2} is 3); division by zero makes the answer wrong.
 * {@link Problem#answer()} holds one reference expression. Traces for {@code 3,4,25,50:100=} with solution
 * {@code (50-25)*4}:
 *
 * <ul>
 *   <li>DIRECT {@code (50-25)*4}
 *   <li>SCRATCHPAD one step per operation, then the expression: {@code 50-25=25|25*4=100|>(50-25)*4}
 *   <li>VERBOSE each step followed by the numbers left to use:
 *       {@code 50-25=25 left 3,4,25|25*4=100 left 3,100|>(50-25)*4}
 * </ul>
 */
public record CountdownTask(LevelRange levels, LevelRange target) implements Task {
  /** The definition; from 2 to 6 given numbers. */
  public static final GeneratorType TYPE = new GeneratorType("countdown",
      "Reach the target from the given numbers; any valid expression is accepted.",
      Param.range("numbers").within(2, 6).byDefault(new LevelRange(3, 4))
          .doc("how many numbers are given (the knob)"),
      List.of(Param.range("target").within(1, 10_000).byDefault(new LevelRange(10, 100))
          .doc("the range targets are drawn from")),
      args -> new CountdownTask(args.range("numbers"), args.range("target")));

  /** From 2 to 6 given numbers. */
  public static final LevelRange LIMITS = TYPE.limits();

  /** The largest target accepted. */
  public static final int MAX_TARGET = (int) TYPE.param("target").orElseThrow().bound().max();

  public CountdownTask {
    Knob.check(TYPE, levels);
    if (target == null || target.min() < 1 || target.max() > MAX_TARGET) {
      throw new IllegalArgumentException(
          "countdown(target: " + target + "): the target range must lie within 1.." + MAX_TARGET
              + ", e.g. target: 10..100");
    }
  }

  @Override
  public GeneratorType type() {
    return TYPE;
  }

  @Override
  public CountdownTask withLevels(LevelRange levels) {
    return new CountdownTask(levels, target);
  }

  @Override
  public Problem generate(SplittableRandom random) {
    int count = Knob.draw(levels, random);
    CountdownBuilder.Built built = CountdownBuilder.build(random, count, target);
    return new Problem(built.puzzle().prompt(), built.solution().render(), count);
  }

  @Override
  public int longestPrompt(LevelRange levels) {
    return new CountdownLengths(levels, target).prompt();
  }

  @Override
  public Example longestExample(LevelRange levels, TraceStyle style) {
    CountdownLengths lengths = new CountdownLengths(levels, target);
    return new Example(lengths.prompt(), lengths.trace(style));
  }

  @Override
  public String alphabet() {
    return " (),*+-/0123456789:=>eflt|";
  }

  @Override
  public String trace(Problem problem, TraceStyle style) {
    ArithmeticSteps.requireFixed(style);
    Optional<CountdownPuzzle> puzzle = CountdownPuzzle.parse(problem.prompt());
    Optional<CountdownExpr> solution = CountdownParser.parse(problem.answer());
    if (puzzle.isEmpty() || solution.isEmpty()) {
      throw new IllegalArgumentException(
          "not a countdown problem: '" + problem.prompt() + "' with answer '" + problem.answer()
              + "' (expected e.g. 3,4,25,50:100= with answer (50-25)*4)");
    }
    if (style == TraceStyle.DIRECT) {
      return solution.get().render();
    }
    List<Rational> pool = new ArrayList<>();
    puzzle.get().numbers().forEach(n -> pool.add(Rational.of(n)));
    StringBuilder out = new StringBuilder();
    steps(solution.get(), pool, style == TraceStyle.VERBOSE, out);
    return out.append(Answers.MARK).append(solution.get().render()).toString();
  }

  /** Writes {@code a op b=v|} per operation, innermost first; returns the value. Keeps the pool of numbers left. */
  private static Rational steps(CountdownExpr e, List<Rational> pool, boolean notes, StringBuilder out) {
    if (e instanceof CountdownExpr.Op op) {
      Rational a = steps(op.left(), pool, notes, out);
      Rational b = steps(op.right(), pool, notes, out);
      Rational v = op.value();
      out.append(a).append(op.op()).append(b).append('=').append(v);
      int at = pool.indexOf(a);
      if (at >= 0) {
        pool.set(at, v);
      }
      pool.remove(b);
      if (notes) {
        out.append(" left ").append(pool.stream().map(Rational::toString).collect(Collectors.joining(",")));
      }
      out.append('|');
      return v;
    }
    return e.value();
  }

  @Override
  public String extractAnswer(String response) {
    return Answers.extract(response);
  }

  @Override
  public boolean verify(Problem problem, String response) {
    if (problem == null || response == null) {
      return false;
    }
    Optional<CountdownPuzzle> puzzle = CountdownPuzzle.parse(problem.prompt());
    Optional<CountdownExpr> answer = CountdownParser.parse(extractAnswer(response));
    return puzzle.isPresent() && answer.isPresent() && puzzle.get().solvedBy(answer.get());
  }
}
