package dev.verity.engine.task;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.regex.Pattern;
import java.util.stream.Collectors;

/** The given numbers and the target of a countdown problem, and its prompt {@code 3,7,25,50:100=}. */
record CountdownPuzzle(List<Long> numbers, long target) {
  private static final Pattern PROMPT = Pattern.compile("\\d{1,9}(,\\d{1,9}){0,63}:\\d{1,9}=");

  CountdownPuzzle {
    numbers = List.copyOf(numbers);
  }

  /** The puzzle a prompt states, or empty when it is not a countdown prompt. */
  static Optional<CountdownPuzzle> parse(String prompt) {
    if (prompt == null || prompt.length() > 700 || !PROMPT.matcher(prompt).matches()) {
      return Optional.empty();
    }
    int colon = prompt.indexOf(':');
    List<Long> numbers = new ArrayList<>();
    for (String n : prompt.substring(0, colon).split(",")) {
      numbers.add(Long.parseLong(n));
    }
    return Optional.of(new CountdownPuzzle(numbers, Long.parseLong(prompt.substring(colon + 1, prompt.length() - 1))));
  }

  String prompt() {
    return numbers.stream().map(String::valueOf).collect(Collectors.joining(",")) + ":" + target + "=";
  }

  /** Whether each number the expression uses is given, each given number used at most once. */
  boolean allows(CountdownExpr expr) {
    Map<Long, Integer> left = new HashMap<>();
    numbers.forEach(n -> left.merge(n, 1, Integer::sum));
    List<Long> used = new ArrayList<>();
    expr.collectNumbers(used);
    for (long n : used) {
      if (left.merge(n, -1, Integer::sum) < 0) {
        return false;
      }
    }
    return true;
  }

  /** Whether the expression uses the given numbers fairly and reaches the target exactly. */
  boolean solvedBy(CountdownExpr expr) {
    if (!allows(expr)) {
      return false;
    }
    try {
      return expr.value().equals(Rational.of(target));
    } catch (ArithmeticException divisionByZero) {
      return false;
    }
  }
}
