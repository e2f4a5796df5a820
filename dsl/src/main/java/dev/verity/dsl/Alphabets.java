package dev.verity.dsl;

import java.util.TreeSet;

/** Characters a model's alphabet lacks, and how messages show them. Shared by the checker and the executor. */
public final class Alphabets {
  private static final int LISTED = 8;

  private Alphabets() {}

  /** The distinct characters of {@code needed} that {@code alphabet} lacks, in code point order. */
  public static String missing(String alphabet, String needed) {
    TreeSet<Character> out = new TreeSet<>();
    for (char c : needed.toCharArray()) {
      if (alphabet.indexOf(c) < 0) {
        out.add(c);
      }
    }
    StringBuilder text = new StringBuilder();
    out.forEach(text::append);
    return text.toString();
  }

  /** {@code 'h', 'o', 'w', …} (the first few; a space or newline spelled out so it can be seen). */
  public static String list(String chars) {
    StringBuilder out = new StringBuilder();
    for (int i = 0; i < chars.length() && i < LISTED; i++) {
      out.append(i == 0 ? "" : ", ").append(show(chars.charAt(i)));
    }
    if (chars.length() > LISTED) {
      out.append(" and ").append(chars.length() - LISTED).append(" more");
    }
    return out.toString();
  }

  private static String show(char c) {
    return switch (c) {
      case ' ' -> "space";
      case '\n' -> "newline";
      case '\t' -> "tab";
      case '\'' -> "\"'\"";
      default -> Character.isISOControl(c) ? String.format("U+%04X", (int) c) : "'" + c + "'";
    };
  }
}
