package dev.verity.kernel.fuzz;

import dev.verity.dsl.parse.Parsing;
import dev.verity.grammar.VerityLexer;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.SplittableRandom;
import org.antlr.v4.runtime.Token;

/**
 * Grammar-aware mutations of valid Verity sources: the source is cut into the lexer's tokens (whitespace and
 * comments stay as written between them), and tokens are deleted, swapped, duplicated, replaced by a value of
 * another type or a number out of range; characters are swapped for Unicode lookalikes; lines grow very long
 * or deeply nested; random bytes, line endings and cuts land anywhere. Every draw comes from the seeded stream.
 */
final class Mutator {
  /** The operators, each named for the fuzz report. */
  enum Op {
    DELETE, SWAP, DUPLICATE, WRONG_TYPE, OUT_OF_RANGE, LOOKALIKE, LONG_LINE, BINARY, TRUNCATE, SPLICE, LINE_ENDINGS
  }

  private static final String[] VALUES = {
    "\"text\"", "42", "2.5", "1..3", "re\"[0-9]+\"", "greedy", "none", "true", "sample()", "constant(1e-3)",
    "-1", "add", "policy", "correct", "mix(direct: 1)", "cosine(1e-3 -> 1e-4, warmup: 5)", "\"\"", "re\"\"",
    "linear(digits: 1..2 -> 2..3, over: 10)", "k3(0.01, to: reference)", "grpo(clip: 0.2)", "x -> y", "(1)"
  };
  private static final String[] NUMBERS = {
    "0", "-1", "-0", "1e309", "1e-400", "99999999999999999999", "2147483648", "4294967298", "9223372036854775808",
    "0.0000000001", "1.5", "1e9", "1e18", "3.4e38", "000", "1e+5", "2..1", "9..99999999999", "0..0", "-5..-1",
    "1e-3", "65536", "1000000000", "0.5", "2147483647", "1E999"
  };
  /** Characters and what may stand in for them in copied text. */
  private static final String[][] LOOKALIKES = {
    {"-", "\u2212", "\u2013", "\u2010"}, {"\"", "\u201C", "\u201D", "\u201E", "\u00AB"}, {"'", "\u2019"},
    {":", "\uFF1A", "\u2236"}, {"=", "\uFF1D"}, {"(", "\uFF08"}, {")", "\uFF09"}, {"{", "\uFF5B"}, {",", "\uFF0C"},
    {"*", "\u00D7"}, {"a", "\u0430"}, {"e", "\u0435"}, {"o", "\u03BF"}, {"p", "\u0440"}, {"c", "\u0441"},
    {" ", "\u00A0", "\u2003", "\u3000"}, {".", "\u2024"}, {">", "\u203A"}, {"<", "\u2039"}, {"0", "\uFF10"},
    {"1", "\u0661"}, {"_", "\uFF3F"}
  };
  private static final String[] INVISIBLE = {
    "\u200B", "\uFEFF", "\u0301", "\u202E", "\u2028", "\u0085", "\u000B", "\f", "\t", "\u0000", "\uD83D\uDE00",
    "\uD800", "\uDC00", "\u00AD", "\r"
  };

  private final SplittableRandom random;
  private final List<String> corpus;

  Mutator(SplittableRandom random, List<String> corpus) {
    this.random = random;
    this.corpus = corpus;
  }

  /** One to four operators applied to a seed from the corpus; {@code applied} receives their names. */
  String next(List<Op> applied) {
    String text = corpus.get(random.nextInt(corpus.size()));
    int ops = 1 + random.nextInt(4);
    for (int i = 0; i < ops; i++) {
      Op op = pick();
      applied.add(op);
      text = apply(op, text);
    }
    return text;
  }

  /** Operators by weight: the costly long lines and splices rarer than token edits. */
  private Op pick() {
    int r = random.nextInt(100);
    if (r < 14) {
      return Op.DELETE;
    } else if (r < 26) {
      return Op.SWAP;
    } else if (r < 36) {
      return Op.DUPLICATE;
    } else if (r < 50) {
      return Op.WRONG_TYPE;
    } else if (r < 64) {
      return Op.OUT_OF_RANGE;
    } else if (r < 76) {
      return Op.LOOKALIKE;
    } else if (r < 80) {
      return Op.LONG_LINE;
    } else if (r < 87) {
      return Op.BINARY;
    } else if (r < 91) {
      return Op.TRUNCATE;
    } else if (r < 96) {
      return Op.SPLICE;
    }
    return Op.LINE_ENDINGS;
  }

  String apply(Op op, String text) {
    List<Token> tokens = tokens(text);
    switch (op) {
      case DELETE:
        return tokens.isEmpty() ? text : replace(text, any(tokens), "");
      case SWAP:
        return swap(text, tokens);
      case DUPLICATE:
        if (tokens.isEmpty()) {
          return text;
        }
        Token t = any(tokens);
        return replace(text, t, t.getText() + (random.nextBoolean() ? " " : "") + t.getText());
      case WRONG_TYPE:
        return replaceValue(text, tokens, VALUES);
      case OUT_OF_RANGE:
        return replaceNumber(text, tokens);
      case LOOKALIKE:
        return lookalike(text);
      case LONG_LINE:
        return longLine(text, tokens);
      case BINARY:
        return insert(text, binary());
      case TRUNCATE:
        return text.substring(0, random.nextInt(text.length() + 1));
      case SPLICE:
        return splice(text);
      case LINE_ENDINGS:
        return random.nextBoolean() ? text.replace("\n", "\r\n") : text.replace("\n", "\r");
      default:
        throw new IllegalStateException(op.name());
    }
  }

  private String swap(String text, List<Token> tokens) {
    if (tokens.size() < 2) {
      return text;
    }
    int a = random.nextInt(tokens.size() - 1);
    int b = random.nextBoolean() ? a + 1 : a + 1 + random.nextInt(tokens.size() - a - 1);
    Token first = tokens.get(a);
    Token second = tokens.get(b);
    return text.substring(0, first.getStartIndex()) + second.getText()
        + text.substring(first.getStopIndex() + 1, second.getStartIndex()) + first.getText()
        + text.substring(second.getStopIndex() + 1);
  }

  /** A value-like token (number, string, regex, name) replaced by a value of any type. */
  private String replaceValue(String text, List<Token> tokens, String[] values) {
    List<Token> candidates = tokens.stream().filter(t -> t.getType() == VerityLexer.NUMBER
        || t.getType() == VerityLexer.STRING || t.getType() == VerityLexer.REGEX || t.getType() == VerityLexer.ID)
        .toList();
    if (candidates.isEmpty()) {
      return insert(text, values[random.nextInt(values.length)]);
    }
    return replace(text, any(candidates), values[random.nextInt(values.length)]);
  }

  private String replaceNumber(String text, List<Token> tokens) {
    List<Token> numbers = tokens.stream().filter(t -> t.getType() == VerityLexer.NUMBER).toList();
    if (numbers.isEmpty()) {
      return replaceValue(text, tokens, NUMBERS);
    }
    return replace(text, any(numbers), NUMBERS[random.nextInt(NUMBERS.length)]);
  }

  /** One character swapped for a lookalike (often a syntax character), or an invisible one inserted. */
  private String lookalike(String text) {
    if (text.isEmpty() || random.nextInt(4) == 0) {
      return insert(text, INVISIBLE[random.nextInt(INVISIBLE.length)]);
    }
    for (int attempt = 0; attempt < 8; attempt++) {
      String[] family = LOOKALIKES[random.nextInt(LOOKALIKES.length)];
      int at = text.indexOf(family[0], random.nextInt(text.length()));
      at = at < 0 ? text.indexOf(family[0]) : at;
      if (at >= 0) {
        String replacement = family[1 + random.nextInt(family.length - 1)];
        return text.substring(0, at) + replacement + text.substring(at + family[0].length());
      }
    }
    return insert(text, INVISIBLE[random.nextInt(INVISIBLE.length)]);
  }

  /**
   * A very long line: a token repeated thousands of times, one huge name, number or string, a long chain of
   * operators, or brackets nested thousands deep (balanced or not).
   */
  private String longLine(String text, List<Token> tokens) {
    // mostly a few thousand, now and then tens of thousands (a pasted log line): the costly inputs stay rare
    int n = random.nextInt(8) == 0 ? 10_000 + random.nextInt(50_000) : 200 + random.nextInt(3_000);
    switch (random.nextInt(7)) {
      case 0:
        String piece = tokens.isEmpty() ? "x" : any(tokens).getText();
        return insert(text, (piece + " ").repeat(Math.max(1, n / Math.max(1, piece.length()))));
      case 1:
        return insert(text, "n".repeat(n * 3));
      case 2:
        return insert(text, "9".repeat(n));
      case 3:
        return insert(text, "\"" + "s".repeat(n * 3) + "\"");
      case 4:
        return replaceAValue(text, tokens, "1" + " + 1".repeat(n));
      case 5:
        return replaceAValue(text, tokens, "-".repeat(n) + "1");
      default:
        String open = random.nextBoolean() ? "(" : "{";
        String close = open.equals("(") ? ")" : "}";
        return replaceAValue(text, tokens, open.repeat(n) + "1" + (random.nextBoolean() ? close.repeat(n) : ""));
    }
  }

  private String replaceAValue(String text, List<Token> tokens, String value) {
    List<Token> numbers = tokens.stream().filter(t -> t.getType() == VerityLexer.NUMBER).toList();
    return numbers.isEmpty() ? insert(text, value) : replace(text, any(numbers), value);
  }

  /** Random bytes read as Latin-1 (every control character) or as UTF-8 (malformed ones become U+FFFD). */
  private String binary() {
    byte[] bytes = new byte[1 + random.nextInt(64)];
    random.nextBytes(bytes);
    return new String(bytes, random.nextBoolean() ? StandardCharsets.ISO_8859_1 : StandardCharsets.UTF_8);
  }

  /** A line of this text replaced by a line of another seed, or another seed's lines inserted. */
  private String splice(String text) {
    String other = corpus.get(random.nextInt(corpus.size()));
    List<String> lines = new ArrayList<>(List.of(text.split("\n", -1)));
    String[] donor = other.split("\n", -1);
    int at = random.nextInt(lines.size());
    if (random.nextBoolean()) {
      lines.set(at, donor[random.nextInt(donor.length)]);
    } else {
      int from = random.nextInt(donor.length);
      int to = Math.min(donor.length, from + 1 + random.nextInt(6));
      lines.addAll(at, List.of(donor).subList(from, to));
    }
    return String.join("\n", lines);
  }

  private String insert(String text, String piece) {
    int at = random.nextInt(text.length() + 1);
    return text.substring(0, at) + piece + text.substring(at);
  }

  private Token any(List<Token> tokens) {
    return tokens.get(random.nextInt(tokens.size()));
  }

  private static String replace(String text, Token token, String with) {
    return text.substring(0, token.getStartIndex()) + with + text.substring(token.getStopIndex() + 1);
  }

  /**
   * The source's tokens but line ends, with char offsets into it. The lexer counts code points, so a seed that
   * already holds characters beyond the BMP (after an earlier mutation) is cut at characters instead.
   */
  static List<Token> tokens(String text) {
    if (text.codePointCount(0, text.length()) != text.length()) {
      return List.of();
    }
    List<Token> tokens = new ArrayList<>();
    VerityLexer lexer = Parsing.lexer(text);
    for (Token t = lexer.nextToken(); t.getType() != Token.EOF; t = lexer.nextToken()) {
      if (t.getType() != VerityLexer.NL && t.getStopIndex() >= t.getStartIndex()) {
        tokens.add(t);
      }
    }
    return tokens;
  }
}
