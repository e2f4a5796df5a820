package dev.verity.dsl.parse;

import static dev.verity.grammar.VerityLexer.*;

import dev.verity.dsl.ast.Span;
import dev.verity.dsl.check.Suggest;
import dev.verity.dsl.diag.Reporter;
import dev.verity.grammar.VerityParser;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import org.antlr.v4.runtime.BaseErrorListener;
import org.antlr.v4.runtime.BufferedTokenStream;
import org.antlr.v4.runtime.InputMismatchException;
import org.antlr.v4.runtime.Parser;
import org.antlr.v4.runtime.ParserRuleContext;
import org.antlr.v4.runtime.RecognitionException;
import org.antlr.v4.runtime.Recognizer;
import org.antlr.v4.runtime.Token;
import org.antlr.v4.runtime.TokenStream;
import org.antlr.v4.runtime.misc.IntervalSet;

/**
 * Turns ANTLR's syntax errors into diagnostics that say what was found and what was expected, with 1-based
 * columns. Replaces ANTLR's console listener, so nothing is ever printed.
 */
final class SyntaxErrors extends BaseErrorListener {
  private static final Set<Integer> STATEMENT_STARTS =
      Set.of(EXPERIMENT, TASK, MODEL, REWARD, CHECK, SAMPLING, SFT, RL, EVAL, PLOT, TABLE, SAVE, LOAD);
  private static final List<String> STATEMENT_KEYWORDS = List.of(
      "experiment", "task", "model", "reward", "check", "sampling", "sft", "rl", "eval", "plot", "table", "save",
      "load");
  private static final Set<Integer> VALUE_STARTS = Set.of(NUMBER, STRING, REGEX, ID, LPAREN, MINUS, IF);
  private static final int MAX_LISTED = 5;
  /**
   * Syntax errors reported before the parse gives up: the first ones are what a user fixes, and error recovery on
   * a pasted line of 30,000 stray operators reported one each and took seconds (the fuzzer found it).
   */
  static final int MAX_ERRORS = 20;

  /** Ends a parse that has reported {@link #MAX_ERRORS}; {@link Parsing} catches it. */
  static final class TooMany extends RuntimeException {
    private static final long serialVersionUID = 1L;

    TooMany() {
      super("too many syntax errors", null, false, false);
    }
  }

  private final Reporter reporter;
  private final String file;
  private int reported;
  private boolean swallowed; // an unclosed block or call read the rest of the input: later errors are its echo

  SyntaxErrors(Reporter reporter, String file) {
    this.reporter = reporter;
    this.file = file;
  }

  int reported() {
    return reported;
  }

  @Override
  public void syntaxError(
      Recognizer<?, ?> recognizer,
      Object offendingSymbol,
      int line,
      int charPositionInLine,
      String msg,
      RecognitionException e) {
    if (reported > 0 && offendingSymbol instanceof Token t && t.getType() == Token.EOF || swallowed) {
      return; // after an earlier error, complaints about the end of input are its echo; after an unclosed block,
              // everything after it is read as its settings, and after an unclosed call as its arguments
    }
    reported++;
    if (!(offendingSymbol instanceof Token token)) {
      reporter.error(new Span(file, line, charPositionInLine + 1, line, charPositionInLine + 2), msg);
      return;
    }
    Optional<Token> unclosed = unclosedBrace((Parser) recognizer, token);
    if (unclosed.isPresent()) {
      swallowed = true;
      Token brace = unclosed.get();
      reporter.error(span(brace, brace.getLine(), brace.getCharPositionInLine()), "this '{' is never closed: end"
          + " the block with '}'" + (token.getType() == Token.EOF ? ""
              : " before the next statement (line " + token.getLine() + ")"));
      return;
    }
    Optional<Token> paren = unclosedParen((Parser) recognizer, token);
    if (paren.isPresent()) {
      swallowed = true;
      Token open = paren.get();
      boolean call = open.getTokenIndex() > 0
          && parser(recognizer).getInputStream().get(open.getTokenIndex() - 1).getType() == ID;
      reporter.error(span(open, open.getLine(), open.getCharPositionInLine()), "this '(' is never closed: add ')'"
          + (call ? " after its last argument" : "")
          + (token.getType() == Token.EOF ? "" : ", before line " + token.getLine()));
      return;
    }
    reporter.error(span(token, line, charPositionInLine), message(recognizer, token, e));
    if (reported >= MAX_ERRORS) {
      throw new TooMany();
    }
  }

  /**
   * The '{' of the block the parser is in, when the error is that block running on: into the end of input, or
   * into the next statement (a statement keyword at the start of a line, read as a setting but without ':').
   */
  private static Optional<Token> unclosedBrace(Parser parser, Token offending) {
    ParserRuleContext context = parser.getContext();
    VerityParser.SettingContext setting = null;
    while (context != null && !(context instanceof VerityParser.BlockContext)) {
      if (context instanceof VerityParser.SettingContext s) {
        setting = s;
      }
      context = context.getParent();
    }
    if (context == null) {
      return Optional.empty();
    }
    Token brace = context.getStart();
    if (offending.getType() == Token.EOF) {
      return Optional.of(brace);
    }
    Token key = setting == null || setting.key == null ? null : setting.key.getStart();
    boolean statementRead = key != null && key.getCharPositionInLine() == 0 && offending.getType() != COLON
        && STATEMENT_STARTS.contains(key.getType()) && setting.value == null;
    // `reward correct` at the start of a line in a block closed later is a missing ':', not a missing '}'
    return statementRead && !closedLater(parser, brace) ? Optional.of(brace) : Optional.empty();
  }

  /**
   * The '(' of a call or parenthesis the parser is in, when it is never closed and the error is on a later line:
   * the lines after it were read as its arguments ({@code check} on the next line as an argument's name).
   */
  private static Optional<Token> unclosedParen(Parser parser, Token offending) {
    for (ParserRuleContext context = parser.getContext(); context != null; context = context.getParent()) {
      Token open = context instanceof VerityParser.CallContext call ? call.LPAREN().getSymbol()
          : context instanceof VerityParser.ParenContext paren ? paren.LPAREN().getSymbol() : null;
      if (open != null && offending.getLine() > open.getLine()
          && !closedLater(parser, open, LPAREN, RPAREN)) {
        return Optional.of(open);
      }
    }
    return Optional.empty();
  }

  /** Whether a '}' after {@code brace} closes it (braces nest). */
  private static boolean closedLater(Parser parser, Token brace) {
    return closedLater(parser, brace, LBRACE, RBRACE);
  }

  /** Whether a closing token after {@code open} closes it (they nest). */
  private static boolean closedLater(Parser parser, Token open, int opening, int closing) {
    BufferedTokenStream tokens = (BufferedTokenStream) parser.getInputStream();
    tokens.fill();
    int depth = 0;
    for (int i = open.getTokenIndex(); i < tokens.size(); i++) {
      int type = tokens.get(i).getType();
      depth += type == opening ? 1 : type == closing ? -1 : 0;
      if (depth == 0) {
        return true;
      }
    }
    return false;
  }

  private Span span(Token token, int line, int charPositionInLine) {
    int width = token.getType() == Token.EOF || token.getType() == NL ? 1 : Math.max(1, textOf(token).length());
    return new Span(file, line, charPositionInLine + 1, line, charPositionInLine + 1 + width);
  }

  private static String message(Recognizer<?, ?> recognizer, Token token, RecognitionException e) {
    switch (token.getType()) {
      case UNTERMINATED_STRING:
        return "unterminated string: close it with \" on the same line";
      case UNTERMINATED_REGEX:
        return "unterminated regex: close it with \" on the same line";
      case UNKNOWN_CHAR:
        return "unexpected character '" + textOf(token) + "'"
            + Lookalikes.fix(textOf(token)).map(fix -> ": " + fix).orElse("");
      case CURLY_STRING:
        String text = textOf(token);
        return "unexpected curly quotes in " + text + ": use straight quotes \""
            + text.substring(1, text.length() - 1) + "\"";
      default:
        IntervalSet expected = e instanceof InputMismatchException && e.getExpectedTokens() != null
            ? e.getExpectedTokens()
            : ((Parser) recognizer).getExpectedTokens();
        boolean keyword = token.getType() >= EXPERIMENT && token.getType() <= OR;
        if (token.getType() == EVERY && lineStartsWith((Parser) recognizer, token, EVAL)) {
          return "'every' belongs in a stage block, where it evaluates during training: rl MODEL on TASK { …,"
              + " eval: TASK with SAMPLING every N }; a top-level eval runs once, where it is written";
        }
        if (keyword && expected.contains(ID) && isAutomaticName(token)) {
          return automaticName(token);
        }
        if (token.getType() == ID && endsStatement(expected) && firstOnLine((Parser) recognizer, token)) {
          // the line before is a whole statement, so this line must start one: `modle policy = …`
          return "unexpected '" + textOf(token) + "'; expected a statement (" + String.join(", ", STATEMENT_KEYWORDS)
              + ")" + Suggest.hint(textOf(token), STATEMENT_KEYWORDS);
        }
        return "unexpected " + describe(token) + expectation(expected)
            + keywordHint(token, expected, inBlock((Parser) recognizer))
            + (keyword && expected.contains(ID) ? " ('" + textOf(token) + "' is a keyword: choose another name)"
                : "");
    }
  }

  /** Only the end of the line or of the input can come next: a statement is complete. */
  private static boolean endsStatement(IntervalSet expected) {
    return !expected.isNil() && expected.toList().stream().allMatch(type -> type == NL || type == Token.EOF);
  }

  /** Whether the parser is inside a stage's or eval's {@code { … }}. */
  private static boolean inBlock(Parser parser) {
    for (ParserRuleContext c = parser.getContext(); c != null; c = c.getParent()) {
      if (c instanceof VerityParser.BlockContext) {
        return true;
      }
    }
    return false;
  }

  private static Parser parser(Recognizer<?, ?> recognizer) {
    return (Parser) recognizer;
  }

  private static boolean firstOnLine(Parser parser, Token token) {
    return token.getTokenIndex() == 0 || parser.getInputStream().get(token.getTokenIndex() - 1).getType() == NL;
  }

  /**
   * " (did you mean 'on'?)" for a name that is a typo of a keyword expected here ({@code sft policy onn add}); at
   * the start of a program, of a statement keyword ({@code tsk}).
   */
  private static String keywordHint(Token token, IntervalSet expected, boolean inBlock) {
    if (token.getType() != ID) {
      return "";
    }
    List<String> keywords = new ArrayList<>();
    if (inBlock) {
      keywords.addAll(List.of("with", "every")); // a setting's value may go on `with SAMPLING every N`
    }
    for (int type : expected.toList()) {
      if (type >= EXPERIMENT && type <= OR) {
        keywords.add(VerityParser.VOCABULARY.getLiteralName(type).replace("'", ""));
      }
    }
    return Suggest.hint(textOf(token), keywords);
  }

  /** Whether the first token on {@code token}'s line (before it) is of type {@code type}. */
  private static boolean lineStartsWith(Parser parser, Token token, int type) {
    TokenStream tokens = parser.getInputStream();
    Token first = token;
    for (int i = token.getTokenIndex() - 1; i >= 0; i--) {
      Token t = tokens.get(i);
      if (t.getType() == NL || t.getLine() != token.getLine()) {
        break;
      }
      first = t;
    }
    return first.getType() == type;
  }

  /**
   * {@code sft#1}, the name outputs give an unlabelled stage: '#' starts a comment, so only the keyword reaches
   * the parser. Accepting it would need the lexer to tell a name from a comment; a label is the way to refer.
   */
  private static boolean isAutomaticName(Token token) {
    int type = token.getType();
    if (type != SFT && type != RL && type != EVAL) {
      return false;
    }
    int next = token.getStopIndex() + 1;
    return next < token.getInputStream().size()
        && "#".equals(token.getInputStream().getText(org.antlr.v4.runtime.misc.Interval.of(next, next)));
  }

  private static String automaticName(Token token) {
    String keyword = textOf(token);
    String example = keyword.equals("eval") ? "eval NAME: policy on add_test" : keyword + " NAME: policy on add { … }";
    return "unlabelled stages are called " + keyword + "#1, " + keyword + "#2, … in outputs but cannot be referenced:"
        + " label the stage (" + example + ") and use NAME";
  }

  private static String expectation(IntervalSet expected) {
    List<Integer> types = new ArrayList<>(expected.toList());
    if (types.isEmpty()) {
      return "";
    }
    if (types.contains(NL) && types.contains(Token.EOF)) {
      types.remove(Integer.valueOf(Token.EOF)); // a statement ends at the end of its line
    } else if (types.contains(NL) && types.size() > 1) {
      types.remove(Integer.valueOf(NL)); // newlines are allowed in many places, but rarely what is missing
    }
    if (types.containsAll(STATEMENT_STARTS)) {
      return "; expected a statement (" + String.join(", ", STATEMENT_KEYWORDS) + ")";
    }
    List<String> names = new ArrayList<>();
    if (types.containsAll(VALUE_STARTS)) {
      names.add("a value");
      types.removeAll(VALUE_STARTS);
    }
    for (int type : types) {
      if (type >= EXPERIMENT && type <= OR && types.contains(ID) && types.contains(TASK)) {
        continue; // a setting key or argument name: "a name" says it
      }
      names.add(tokenName(type));
    }
    names = names.stream().distinct().toList();
    if (names.size() > MAX_LISTED) {
      names = new ArrayList<>(names.subList(0, MAX_LISTED));
      names.add("…");
    }
    return "; expected " + String.join(" or ", names);
  }

  private static String describe(Token token) {
    switch (token.getType()) {
      case Token.EOF:
        return "end of input";
      case NL:
        return "end of line";
      default:
        return "'" + textOf(token) + "'";
    }
  }

  static String tokenName(int type) {
    switch (type) {
      case Token.EOF:
        return "end of input";
      case NL:
        return "end of line";
      case ID:
        return "a name";
      case NUMBER:
        return "a number";
      case STRING:
        return "a string";
      case REGEX:
        return "a regex re\"…\"";
      default:
        String literal = VerityParser.VOCABULARY.getLiteralName(type);
        return literal != null ? literal : VerityParser.VOCABULARY.getDisplayName(type);
    }
  }

  private static String textOf(Token token) {
    String text = token.getText();
    return text == null ? "" : text.replace("\t", " ");
  }
}
