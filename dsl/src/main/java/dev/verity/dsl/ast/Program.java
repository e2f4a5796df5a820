package dev.verity.dsl.ast;

import java.util.List;

/** A parsed cell or file: its statements in order. */
public record Program(List<Stmt> statements) {
  public Program {
    statements = List.copyOf(statements);
  }
}
