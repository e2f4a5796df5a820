package dev.verity.dsl.assist;

import dev.verity.dsl.Environment;
import dev.verity.dsl.builtin.Builtin;
import dev.verity.dsl.builtin.Builtins;
import dev.verity.dsl.builtin.Kind;
import dev.verity.dsl.builtin.Setting;
import dev.verity.dsl.diag.Reporter;
import dev.verity.dsl.parse.Parsing;
import dev.verity.grammar.VerityLexer;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import org.antlr.v4.runtime.Token;

/**
 * Editor assistance for the notebook kernel, read from the built-in table: completion, inspection (signature and
 * doc) and whether a cell is complete. Offsets are character indices into the code. Never throws.
 */
public final class Assist {
  private static final Set<Integer> CONTINUES = Set.of(VerityLexer.COMMA, VerityLexer.COLON, VerityLexer.ASSIGN,
      VerityLexer.ARROW, VerityLexer.DOTDOT, VerityLexer.PLUS, VerityLexer.MINUS, VerityLexer.STAR,
      VerityLexer.SLASH, VerityLexer.EQ, VerityLexer.NE, VerityLexer.LT, VerityLexer.LE, VerityLexer.GT,
      VerityLexer.GE, VerityLexer.AND, VerityLexer.OR, VerityLexer.IF, VerityLexer.THEN, VerityLexer.ELSE,
      VerityLexer.WITH, VerityLexer.EVERY, VerityLexer.ON, VerityLexer.BY, VerityLexer.FOR, VerityLexer.TO,
      VerityLexer.FROM);

  private Assist() {}

  /** Candidates for the word at {@code cursor}: keywords, session names, built-ins, argument names, setting keys. */
  public static Completion complete(String code, int cursor, Environment env) {
    int at = Math.max(0, Math.min(cursor, code.length()));
    int start = at;
    while (start > 0 && isWordChar(code.charAt(start - 1))) {
      start--;
    }
    int end = at;
    while (end < code.length() && isWordChar(code.charAt(end))) {
      end++;
    }
    String prefix = code.substring(start, at);
    CursorContext context = CursorContext.before(code.substring(0, start));
    Map<String, String> names = names(env, context.all());
    Map<String, Candidate> unique = new LinkedHashMap<>();
    for (Candidate c : new Candidates(context, names).all()) {
      if (c.text().startsWith(prefix)) {
        unique.putIfAbsent(c.text(), c);
      }
    }
    return new Completion(start, end, new ArrayList<>(unique.values()));
  }

  /** The signature and doc of the built-in, statement or setting at {@code cursor}, or of the call it is in. */
  public static Optional<Inspection> inspect(String code, int cursor) {
    int at = Math.max(0, Math.min(cursor, code.length()));
    int start = at;
    while (start > 0 && isWordChar(code.charAt(start - 1))) {
      start--;
    }
    int end = at;
    while (end < code.length() && isWordChar(code.charAt(end))) {
      end++;
    }
    String word = code.substring(start, end);
    CursorContext context = CursorContext.before(code.substring(0, start));
    CursorContext.Frame frame = context.frame();
    Optional<Builtin> owner = owner(frame);
    if (owner.isPresent() && !word.isEmpty()) {
      Optional<Setting> param = owner.get().param(word);
      boolean isKey = end < code.length() && code.substring(end).stripLeading().startsWith(":");
      if (param.isPresent() && isKey) {
        return Optional.of(describe(param.get()));
      }
    }
    if (Builtins.STATEMENTS.contains(word) && context.statement().isEmpty()) {
      Builtin s = Builtins.statement(word);
      return Optional.of(new Inspection(word, s.signature(), s.doc()));
    }
    List<Builtin> named = Builtins.named(word).stream().filter(b -> b.kind() != Kind.STATEMENT).toList();
    if (!named.isEmpty()) {
      boolean curriculum = frame.kind() == CursorContext.Frame.Kind.BLOCK
          && context.clauseTexts().stream().findFirst().filter("curriculum"::equals).isPresent();
      Builtin b = named.stream().filter(x -> (x.kind() == Kind.CURRICULUM) == curriculum).findFirst()
          .orElse(named.get(0));
      return Optional.of(new Inspection(b.name(), b.signature(), b.doc()));
    }
    if (frame.kind() == CursorContext.Frame.Kind.CALL) {
      return Builtins.named(frame.name()).stream().filter(b -> b.kind() != Kind.STATEMENT).findFirst()
          .map(b -> new Inspection(b.name(), b.signature(), b.doc()));
    }
    return Optional.empty();
  }

  /** Complete, incomplete (a call or block still open, or a line ending in an operator), or invalid. */
  public static Completeness isComplete(String code) {
    VerityLexer lexer = Parsing.lexer(code);
    int depth = 0;
    Token last = null;
    for (Token t = lexer.nextToken(); t.getType() != Token.EOF; t = lexer.nextToken()) {
      switch (t.getType()) {
        case VerityLexer.LPAREN, VerityLexer.LBRACE -> depth++;
        case VerityLexer.RPAREN, VerityLexer.RBRACE -> depth--;
        case VerityLexer.UNTERMINATED_STRING, VerityLexer.UNTERMINATED_REGEX, VerityLexer.UNKNOWN_CHAR -> {
          return Completeness.INVALID;
        }
        default -> { }
      }
      if (depth < 0) {
        return Completeness.INVALID;
      }
      if (t.getType() != VerityLexer.NL) {
        last = t;
      }
    }
    if (depth > 0 || (last != null && CONTINUES.contains(last.getType()))) {
      return Completeness.INCOMPLETE;
    }
    try {
      return Parsing.program(code, "cell", new Reporter()).isPresent() ? Completeness.COMPLETE
          : Completeness.INVALID;
    } catch (StackOverflowError deep) { // running it says the cell nests too deeply: so a console should run it
      return Completeness.INVALID;
    }
  }

  static Optional<Builtin> owner(CursorContext.Frame frame) {
    if (frame.kind() == CursorContext.Frame.Kind.BLOCK) {
      return Builtins.find(frame.name(), Kind.STATEMENT);
    }
    if (frame.kind() == CursorContext.Frame.Kind.CALL) {
      return Builtins.named(frame.name()).stream().filter(b -> b.kind() != Kind.STATEMENT).findFirst();
    }
    return Optional.empty();
  }

  private static Inspection describe(Setting p) {
    String signature = p.name() + ": " + p.describeType() + p.defaultSource().map(d -> " = " + d).orElse(
        " (required)");
    return new Inspection(p.name(), signature, p.doc());
  }

  /** Names bound in the session and declared earlier in this code, with their kinds. */
  private static Map<String, String> names(Environment env, List<Token> tokens) {
    Map<String, String> names = new LinkedHashMap<>();
    env.names().forEach((name, symbol) -> names.put(name, symbol.kind().endsWith("stage") ? "stage"
        : symbol.kind()));
    for (int i = 0; i + 1 < tokens.size(); i++) {
      Token t = tokens.get(i);
      Token next = tokens.get(i + 1);
      boolean startsLine = i == 0 || tokens.get(i - 1).getType() == VerityLexer.NL;
      if (!startsLine || next.getType() != VerityLexer.ID) {
        continue;
      }
      boolean labelled = i + 2 < tokens.size() && tokens.get(i + 2).getType() == VerityLexer.COLON;
      switch (t.getType()) {
        case VerityLexer.TASK -> names.put(next.getText(), "task");
        case VerityLexer.MODEL, VerityLexer.LOAD -> names.put(next.getText(), "model");
        case VerityLexer.REWARD -> names.put(next.getText(), "reward");
        case VerityLexer.SAMPLING -> names.put(next.getText(), "sampling");
        case VerityLexer.SFT, VerityLexer.RL -> {
          if (labelled) {
            names.put(next.getText(), "stage");
          }
        }
        case VerityLexer.EVAL -> {
          if (labelled) {
            names.put(next.getText(), "eval");
          }
        }
        default -> { }
      }
    }
    return names;
  }

  private static boolean isWordChar(char c) {
    return Character.isLetterOrDigit(c) || c == '_';
  }
}
