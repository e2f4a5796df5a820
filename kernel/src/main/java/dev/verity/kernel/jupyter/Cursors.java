package dev.verity.kernel.jupyter;

/** Jupyter counts cursor positions in Unicode code points (protocol 5.2); Java strings index UTF-16 chars. */
final class Cursors {
  private Cursors() {}

  /** The char index of code point {@code codePoints} in {@code text}, clamped to the text. */
  static int toChars(String text, int codePoints) {
    int total = text.codePointCount(0, text.length());
    return text.offsetByCodePoints(0, Math.max(0, Math.min(codePoints, total)));
  }

  /** The code-point position of char index {@code chars} in {@code text}, clamped to the text. */
  static int toCodePoints(String text, int chars) {
    return text.codePointCount(0, Math.max(0, Math.min(chars, text.length())));
  }
}
