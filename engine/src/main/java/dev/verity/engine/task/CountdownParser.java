package dev.verity.engine.task;

import java.util.Optional;

/**
 * Parses a countdown answer: decimal integers without leading zeros, {@code + - * /} (or {@code − × ÷}),
 * parentheses and spaces, with the usual precedence. Anything else, or input past the size guards, gives empty.
 */
final class CountdownParser {
  /** Longest answer read; a real one over six numbers is a few dozen characters. */
  static final int MAX_LENGTH = 1000;
  /** Deepest parenthesis nesting read, so a hostile answer cannot exhaust the stack. */
  static final int MAX_DEPTH = 64;
  /** Longest number literal; given numbers are far shorter. */
  static final int MAX_DIGITS = 9;
  /** Most numbers in one answer; the game gives at most six. */
  static final int MAX_NUMBERS = 64;

  private final String text;
  private int pos;
  private int depth;
  private int numbers;

  private CountdownParser(String text) {
    this.text = text;
  }

  /** The expression, or empty when the text is not one. */
  static Optional<CountdownExpr> parse(String answer) {
    if (answer == null || answer.isEmpty() || answer.length() > MAX_LENGTH) {
      return Optional.empty();
    }
    String ascii = answer.replace('\u2212', '-').replace('\u00d7', '*').replace('\u00f7', '/');
    CountdownParser parser = new CountdownParser(ascii);
    try {
      CountdownExpr e = parser.sum();
      parser.skipSpaces();
      return parser.pos == ascii.length() ? Optional.of(e) : Optional.empty();
    } catch (Reject r) {
      return Optional.empty();
    }
  }

  private CountdownExpr sum() {
    CountdownExpr left = product();
    for (char op = peek(); op == '+' || op == '-'; op = peek()) {
      pos++;
      left = new CountdownExpr.Op(op, left, product());
    }
    return left;
  }

  private CountdownExpr product() {
    CountdownExpr left = atom();
    for (char op = peek(); op == '*' || op == '/'; op = peek()) {
      pos++;
      left = new CountdownExpr.Op(op, left, atom());
    }
    return left;
  }

  private CountdownExpr atom() {
    char c = peek();
    if (c == '(') {
      if (++depth > MAX_DEPTH) {
        throw Reject.INSTANCE;
      }
      pos++;
      CountdownExpr inner = sum();
      if (peek() != ')') {
        throw Reject.INSTANCE;
      }
      pos++;
      depth--;
      return inner;
    }
    int start = pos;
    while (pos < text.length() && text.charAt(pos) >= '0' && text.charAt(pos) <= '9') {
      pos++;
    }
    int digits = pos - start;
    if (digits == 0 || digits > MAX_DIGITS || (digits > 1 && text.charAt(start) == '0') || ++numbers > MAX_NUMBERS) {
      throw Reject.INSTANCE;
    }
    return new CountdownExpr.Num(Long.parseLong(text, start, pos, 10));
  }

  /** The next character after spaces, or 0 at the end. */
  private char peek() {
    skipSpaces();
    return pos < text.length() ? text.charAt(pos) : 0;
  }

  private void skipSpaces() {
    while (pos < text.length() && text.charAt(pos) == ' ') {
      pos++;
    }
  }

  /** Unwinds the parse on the first thing that is not part of an expression. */
  private static final class Reject extends RuntimeException {
    private static final long serialVersionUID = 1L;
    static final Reject INSTANCE = new Reject();

    private Reject() {
      super("not an expression", null, false, false);
    }
  }
}
