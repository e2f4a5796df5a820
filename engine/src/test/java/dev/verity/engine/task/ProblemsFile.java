package dev.verity.engine.task;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.SplittableRandom;

/**
 * Writes {@code notebooks/data/problems.jsonl}: 100 small word problems with fields {@code question},
 * {@code answer}, {@code level} (the largest operand's digit count) and, on some, a step-by-step {@code solution}.
 * Deterministic, so {@link ProblemsFileTest} can check the committed file is exactly this output.
 */
final class ProblemsFile {
  private static final ObjectMapper JSON = new ObjectMapper();
  private static final String[] WORDS = {
    "cat", "apple", "river", "banana", "tree", "garden", "window", "orange", "sky", "mountain", "book", "pencil"
  };

  private final SplittableRandom random = new SplittableRandom(20240601);
  private final List<String> lines = new ArrayList<>();

  private ProblemsFile() {}

  /** The file's text, one JSON object per line. */
  static String render() {
    ProblemsFile f = new ProblemsFile();
    for (int i = 0; i < 25; i++) {
      f.plus(1 + i % 3, i % 2 == 1);
    }
    for (int i = 0; i < 20; i++) {
      f.minus(1 + i % 3, i % 2 == 1);
    }
    for (int i = 0; i < 15; i++) {
      f.times(1 + i % 2, i % 2 == 1);
    }
    int[] squared = {4, 6, 13, 8, 5, 11, 15, 9};
    for (int i = 0; i < 8; i++) {
      int n = squared[i];
      f.add("what is " + n + " squared?", n * n, i % 2 == 0 ? n + "*" + n + "=" + n * n + "|" : null, digits(n));
    }
    for (int i = 0; i < 8; i++) {
      String word = WORDS[(i * 5) % WORDS.length];
      f.add("how many letters are in the word " + word + "?", word.length(),
          i % 2 == 0 ? String.join(",", word.split("")) + "|" : null, 1);
    }
    for (int i = 0; i < 8; i++) {
      int a = 10 + f.random.nextInt(90);
      int b = Integer.parseInt(new StringBuilder(Integer.toString(a)).reverse().toString());
      b = b == a ? a + 1 : b;
      f.add("which is larger, " + a + " or " + b + "?", Math.max(a, b), null, 2);
    }
    for (int i = 0; i < 6; i++) {
      int n = new int[] {9, 19, 99, 199, 499, 999}[i];
      f.add("what number comes after " + n + "?", n + 1, n + "+1=" + (n + 1) + "|", digits(n));
    }
    for (int i = 0; i < 6; i++) {
      int n = 6 + f.random.nextInt(45);
      if (i % 2 == 0) {
        f.add("what is double " + n + "?", 2 * n, n + "+" + n + "=" + 2 * n + "|", digits(n));
      } else {
        f.add("what is half of " + 2 * n + "?", n, n + "+" + n + "=" + 2 * n + "|", digits(2 * n));
      }
    }
    String[][] decimals = {{"1.5", "2.25", "3.75"}, {"0.5", "0.5", "1"}, {"2.1", "3.9", "6"}, {"10.25", "0.75", "11"}};
    for (String[] d : decimals) {
      f.lines.add(json(Map.of("question", "what is " + d[0] + " plus " + d[1] + "?", "answer", d[2]), 2));
    }
    return String.join("\n", f.lines) + "\n";
  }

  /** a plus b with the larger at {@code digits} digits; the solution adds place by place. */
  private void plus(int digits, boolean withSolution) {
    int a = operand(digits);
    int b = operand(1 + random.nextInt(digits));
    String solution = null;
    if (withSolution && digits > 1) {
      List<String> partA = places(a);
      List<String> partB = places(b);
      int shift = partA.size() - partB.size(); // b has fewer places: its parts line up with a's lowest ones
      StringBuilder s = new StringBuilder();
      List<String> sums = new ArrayList<>();
      for (int i = 0; i < partA.size(); i++) {
        int pb = i < shift ? 0 : Integer.parseInt(partB.get(i - shift));
        int sum = Integer.parseInt(partA.get(i)) + pb;
        s.append(partA.get(i)).append('+').append(pb).append('=').append(sum).append('|');
        sums.add(Integer.toString(sum));
      }
      solution = s.append(String.join("+", sums)).append('=').append(a + b).append('|').toString();
    }
    add("what is " + a + " plus " + b + "?", a + b, solution, digits);
  }

  /** a minus b with b ≤ a; the solution takes b away one place at a time. */
  private void minus(int digits, boolean withSolution) {
    int a = operand(digits);
    int b = random.nextInt(a + 1);
    String solution = null;
    if (withSolution && digits > 1) {
      StringBuilder s = new StringBuilder();
      int left = a;
      for (String part : places(b)) {
        int p = Integer.parseInt(part);
        if (p > 0) {
          s.append(left).append('-').append(p).append('=').append(left - p).append('|');
          left -= p;
        }
      }
      solution = s.length() == 0 ? null : s.toString();
    }
    add("what is " + a + " minus " + b + "?", a - b, solution, digits);
  }

  /** a times a one-digit b; the solution multiplies each place of a. */
  private void times(int digits, boolean withSolution) {
    int a = operand(digits);
    int b = 2 + random.nextInt(8);
    String solution = null;
    if (withSolution && digits > 1) {
      StringBuilder s = new StringBuilder();
      List<String> products = new ArrayList<>();
      for (String part : places(a)) {
        int p = Integer.parseInt(part) * b;
        s.append(part).append('*').append(b).append('=').append(p).append('|');
        products.add(Integer.toString(p));
      }
      solution = s.append(String.join("+", products)).append('=').append(a * b).append('|').toString();
    }
    add("what is " + a + " times " + b + "?", a * b, solution, digits);
  }

  private int operand(int digits) {
    return (int) Operands.draw(random, digits);
  }

  /** 347 → [300, 40, 7]. */
  private static List<String> places(int n) {
    String s = Integer.toString(n);
    List<String> parts = new ArrayList<>();
    for (int i = 0; i < s.length(); i++) {
      parts.add(s.charAt(i) + "0".repeat(s.length() - 1 - i));
    }
    return parts;
  }

  private static int digits(int n) {
    return Integer.toString(n).length();
  }

  private void add(String question, int answer, String solution, int level) {
    Map<String, Object> fields = new LinkedHashMap<>();
    fields.put("question", question);
    fields.put("answer", Integer.toString(answer));
    if (solution != null) {
      fields.put("solution", solution);
    }
    lines.add(json(fields, level));
  }

  private static String json(Map<String, ?> fields, int level) {
    Map<String, Object> ordered = new LinkedHashMap<>();
    ordered.put("question", fields.get("question"));
    ordered.put("answer", fields.get("answer"));
    if (fields.containsKey("solution")) {
      ordered.put("solution", fields.get("solution"));
    }
    ordered.put("level", level);
    try {
      return JSON.writeValueAsString(ordered);
    } catch (JsonProcessingException e) {
      throw new IllegalStateException(e);
    }
  }
}
