package dev.verity.engine.task;

import java.math.BigDecimal;
import java.util.Arrays;
import java.util.Locale;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * How a {@code jsonl} task reads a response's final answer and compares it with the data's answer. By default the
 * final answer is what follows the last {@code >} ({@link Answers}); {@code extract} replaces that with a regex:
 * its last match in the response, capture group 1 (the whole match when it has no group). {@code compare} says how
 * the two answers must agree.
 *
 * @param tolerance with {@link Comparison#NUMERIC}: the largest difference still counted right
 */
public record AnswerRule(Optional<Pattern> extract, Comparison comparison, double tolerance) {
  /** The built-in tasks' rule: what follows the last {@code >}, equal character for character. */
  public static final AnswerRule EXACT = new AnswerRule(Optional.empty(), Comparison.EXACT, 0);

  /** A plain decimal: sign, digits, optional fraction, optional short exponent (no NaN, hex or suffixes). */
  private static final Pattern DECIMAL = Pattern.compile("[+-]?(\\d+(\\.\\d*)?|\\.\\d+)([eE][+-]?\\d{1,4})?");

  /** How a final answer must agree with the data's answer. */
  public enum Comparison {
    /** Character for character. */
    EXACT,
    /** After removing blanks at both ends. */
    TRIMMED,
    /** Trimmed, upper and lower case alike. */
    CASELESS,
    /** Both read as decimal numbers (trimmed), at most {@code tolerance} apart. */
    NUMERIC;

    public String id() {
      return name().toLowerCase(Locale.ROOT);
    }

    public static Comparison of(String id) {
      return Arrays.stream(values()).filter(c -> c.id().equals(id)).findFirst()
          .orElseThrow(() -> new IllegalArgumentException("no comparison '" + id + "'"));
    }
  }

  public AnswerRule {
    if (!(tolerance >= 0)) {
      throw new IllegalArgumentException("tolerance must be ≥ 0, got " + tolerance);
    }
    if (tolerance > 0 && comparison != Comparison.NUMERIC) {
      throw new IllegalArgumentException("tolerance: " + tolerance + " applies to numbers only: add compare: numeric,"
          + " or leave tolerance out");
    }
  }

  /** The final answer within {@code response}; empty when the regex finds none. */
  public String extract(String response) {
    if (extract.isEmpty()) {
      return Answers.extract(response);
    }
    if (response == null) {
      return "";
    }
    Matcher m = extract.get().matcher(response);
    String last = "";
    while (m.find()) {
      String found = m.groupCount() >= 1 ? m.group(1) : m.group();
      last = found == null ? "" : found;
    }
    return last;
  }

  /** Whether {@code response}'s final answer agrees with {@code answer}. Never throws. */
  public boolean verify(String answer, String response) {
    return answer != null && response != null && agree(answer, extract(response));
  }

  /** Whether {@code given} (an extracted final answer) agrees with {@code answer}. */
  public boolean agree(String answer, String given) {
    return switch (comparison) {
      case EXACT -> answer.equals(given);
      case TRIMMED -> answer.strip().equals(given.strip());
      case CASELESS -> answer.strip().equalsIgnoreCase(given.strip());
      case NUMERIC -> number(given).flatMap(g -> number(answer).map(a -> a.subtract(g).abs()
          .compareTo(BigDecimal.valueOf(tolerance)) <= 0)).orElse(false);
    };
  }

  /**
   * {@code text}, trimmed, as a plain decimal ({@code 42}, {@code -0.5}, {@code 1e3}); empty when it is none. The
   * exponent has at most 4 digits: a response's {@code 1e999999999} would make the comparison build a billion-digit
   * number.
   */
  public static Optional<BigDecimal> number(String text) {
    if (text == null) {
      return Optional.empty();
    }
    String s = text.strip();
    return DECIMAL.matcher(s).matches() ? Optional.of(new BigDecimal(s)) : Optional.empty();
  }
}
