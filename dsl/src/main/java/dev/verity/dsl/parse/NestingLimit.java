package dev.verity.dsl.parse;

import dev.verity.grammar.VerityLexer;
import java.util.List;
import java.util.Optional;
import org.antlr.v4.runtime.Token;

/**
 * How deep a source may nest before it is parsed: brackets open at once, and unary minus signs or {@code if}s in a
 * row. The parser recurses once per level, and its error recovery on thousands of unclosed brackets takes seconds
 * (a 7,000-deep line took 12 s; the fuzzer found it), so a kernel asked to check such a line would freeze. No
 * experiment nests a tenth as deep.
 */
final class NestingLimit {
  static final int MAX_DEPTH = 100;

  private NestingLimit() {}

  /** The first token that goes deeper than {@link #MAX_DEPTH}, if any. */
  static Optional<Token> firstTooDeep(List<Token> tokens) {
    int brackets = 0;
    int prefixes = 0;
    for (Token t : tokens) {
      switch (t.getType()) {
        case VerityLexer.LPAREN, VerityLexer.LBRACE -> brackets++;
        case VerityLexer.RPAREN, VerityLexer.RBRACE -> brackets = Math.max(0, brackets - 1);
        default -> { }
      }
      boolean prefix = t.getType() == VerityLexer.MINUS || t.getType() == VerityLexer.IF;
      prefixes = prefix ? prefixes + 1 : 0;
      if (brackets > MAX_DEPTH || prefixes > MAX_DEPTH) {
        return Optional.of(t);
      }
    }
    return Optional.empty();
  }

  static String message() {
    return "this nests more than " + MAX_DEPTH + " levels deep (brackets, or minus signs or ifs in a row):"
        + " split the expression, or close the brackets you opened";
  }
}
