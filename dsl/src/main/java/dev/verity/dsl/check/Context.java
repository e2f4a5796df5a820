package dev.verity.dsl.check;

import dev.verity.dsl.BaseDir;
import dev.verity.dsl.ast.Span;
import dev.verity.dsl.diag.Reporter;
import java.nio.file.InvalidPathException;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.Map;
import java.util.Optional;

/** What every part of the checker shares during one compilation. */
final class Context {
  final Reporter reporter;
  final Scope scope;
  final Path baseDir;
  /** Why relative paths resolve at {@link #baseDir}, for errors about a missing file. */
  final String baseNote;
  final Values values;
  final Rewards rewards;
  final Specs specs;
  final JavaCalls java = new JavaCalls(this);
  final TaskData data = new TaskData();
  final ModelAlphabets alphabets = new ModelAlphabets(this);
  final Warnings warnings = new Warnings(this);
  /**
   * The context of each model whose {@code gpt(…)} was refused as a whole (dim not divisible by heads) although
   * every argument was fine: its name is poisoned, but the stages on it still check what must fit that context.
   */
  final Map<String, Integer> refusedModelContexts = new HashMap<>();
  /**
   * The labels of this compilation's stages and evaluations, each with what first used it ("the sft at 5:1"): a
   * label written twice would give two stages' outputs one name. Running a cell again is a new compilation.
   */
  final Map<String, String> labels = new HashMap<>();
  /** This compilation's experiment statement: a second one silently replaces its name and seed. */
  Optional<Span> experiment = Optional.empty();

  Context(Reporter reporter, Scope scope, BaseDir base) {
    this.reporter = reporter;
    this.scope = scope;
    this.baseDir = base.folder();
    this.baseNote = base.note();
    this.values = new Values(this);
    this.rewards = new Rewards(this);
    this.specs = new Specs(this);
  }

  void error(Span span, String message) {
    reporter.error(span, message);
  }

  /**
   * {@code text} as a path against the base folder; one the file system cannot name (a NUL or a lone surrogate,
   * as pasted binary leaves) is reported at {@code span} instead of failing the check.
   */
  Optional<Path> path(String text, Span span, String what) {
    try {
      return Optional.of(baseDir.resolve(text).normalize());
    } catch (InvalidPathException bad) {
      error(span, what + " is not a path this system can name (" + bad.getReason() + "): write it with printable"
          + " characters only");
      return Optional.empty();
    }
  }

  /** A setting that runs but cannot learn (see {@link Warnings}). */
  void warn(Span span, String message) {
    reporter.warn(span, message);
  }
}
