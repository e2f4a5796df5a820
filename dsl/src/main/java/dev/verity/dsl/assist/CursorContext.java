package dev.verity.dsl.assist;

import dev.verity.dsl.parse.Parsing;
import dev.verity.grammar.VerityLexer;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.List;
import org.antlr.v4.runtime.Token;

/**
 * Where the cursor is, read from the tokens before it (robust to half-typed code): the innermost open call or
 * block, and the tokens of the current argument, setting or statement up to the cursor.
 */
record CursorContext(Frame frame, List<Token> clause, List<Token> statement, List<Token> all) {

  /** The innermost open bracket: a call {@code callee(…}, a block of {@code keyword}, or the top level. */
  record Frame(Kind kind, String name) {
    enum Kind {
      TOP, CALL, BLOCK
    }
  }

  static CursorContext before(String code) {
    List<Token> tokens = new ArrayList<>();
    VerityLexer lexer = Parsing.lexer(code);
    for (Token t = lexer.nextToken(); t.getType() != Token.EOF; t = lexer.nextToken()) {
      tokens.add(t);
    }
    Deque<Frame> frames = new ArrayDeque<>();
    Deque<Integer> clauseStarts = new ArrayDeque<>();
    frames.push(new Frame(Frame.Kind.TOP, ""));
    clauseStarts.push(0);
    int statementStart = 0;
    for (int i = 0; i < tokens.size(); i++) {
      Token t = tokens.get(i);
      switch (t.getType()) {
        case VerityLexer.LPAREN -> {
          String callee = i > 0 && tokens.get(i - 1).getType() == VerityLexer.ID ? tokens.get(i - 1).getText() : "";
          frames.push(new Frame(Frame.Kind.CALL, callee));
          clauseStarts.push(i + 1);
        }
        case VerityLexer.LBRACE -> {
          frames.push(new Frame(Frame.Kind.BLOCK, statementStart < tokens.size()
              ? tokens.get(statementStart).getText() : ""));
          clauseStarts.push(i + 1);
        }
        case VerityLexer.RPAREN, VerityLexer.RBRACE -> {
          if (frames.size() > 1) {
            frames.pop();
            clauseStarts.pop();
          }
        }
        case VerityLexer.COMMA -> {
          clauseStarts.pop();
          clauseStarts.push(i + 1);
        }
        case VerityLexer.NL -> {
          if (frames.peek().kind() == Frame.Kind.TOP) {
            statementStart = i + 1;
            clauseStarts.pop();
            clauseStarts.push(i + 1);
          } else if (frames.peek().kind() == Frame.Kind.BLOCK) {
            clauseStarts.pop();
            clauseStarts.push(i + 1);
          }
        }
        default -> { }
      }
    }
    List<Token> clause = significant(tokens.subList(Math.min(clauseStarts.peek(), tokens.size()), tokens.size()));
    List<Token> statement = significant(tokens.subList(Math.min(statementStart, tokens.size()), tokens.size()));
    return new CursorContext(frames.peek(), clause, statement, tokens);
  }

  private static List<Token> significant(List<Token> tokens) {
    return tokens.stream().filter(t -> t.getType() != VerityLexer.NL).toList();
  }

  /** Text of the clause's tokens, e.g. {@code ["reward", ":"]}. */
  List<String> clauseTexts() {
    return clause.stream().map(Token::getText).toList();
  }

  List<String> statementTexts() {
    return statement.stream().map(Token::getText).toList();
  }
}
