package dev.verity.dsl;

import dev.verity.dsl.ast.Program;
import dev.verity.dsl.ast.Span;
import dev.verity.dsl.check.Checker;
import dev.verity.dsl.diag.Reporter;
import dev.verity.dsl.override.OverrideApplier;
import dev.verity.dsl.parse.Parsing;
import java.nio.file.Path;
import java.util.Optional;

/**
 * The front end in one call: parse → stop on errors → apply overrides → check → plan. Nothing escapes as an
 * exception: a failure inside becomes an {@code internal error} diagnostic.
 */
public final class Compiler {
  private Compiler() {}

  /**
   * Compiles {@code source} (a cell or a whole file named {@code file}) in the session {@code env}; relative
   * paths resolve against {@code baseDir}.
   */
  public static Compilation compile(
      String source, String file, Path baseDir, Environment env, Overrides overrides) {
    return compile(source, file, BaseDir.fileFolder(baseDir), env, overrides);
  }

  /** As above, with a folder chosen other than as the file's own (a replay's), which errors explain. */
  public static Compilation compile(
      String source, String file, BaseDir baseDir, Environment env, Overrides overrides) {
    Reporter reporter = new Reporter().source(file, source);
    overrides.entries().forEach(o -> reporter.source(o.file(), o.text()));
    try {
      Optional<Program> program = Parsing.program(source, file, reporter);
      if (program.isPresent()) {
        Program applied = OverrideApplier.apply(program.get(), overrides, reporter);
        if (!reporter.hasErrors()) {
          Checker.Result result = Checker.check(applied, env, baseDir, reporter);
          if (result.plan().isPresent() && !reporter.hasErrors()) {
            return new Compilation(result.plan(), reporter.diagnostics(), result.environment(), reporter.warnings());
          }
        }
      }
    } catch (RuntimeException bug) {
      reporter.error(new Span(file, 1, 1, 1, 2), "internal error: " + bug + " (please report it with this cell)");
    } catch (StackOverflowError deep) {
      reporter.error(new Span(file, 1, 1, 1, 2), "the cell nests too deeply to parse: split the expression");
    }
    return new Compilation(Optional.empty(), reporter.diagnostics(), env, reporter.warnings());
  }

  /** A cell or file alone: an empty session, no overrides. */
  public static Compilation compile(String source, String file, Path baseDir) {
    return compile(source, file, baseDir, Environment.EMPTY, Overrides.NONE);
  }
}
