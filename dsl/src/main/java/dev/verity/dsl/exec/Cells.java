package dev.verity.dsl.exec;

import dev.verity.dsl.Compilation;
import dev.verity.dsl.Overrides;
import dev.verity.dsl.ast.Span;
import dev.verity.dsl.diag.Diagnostic;
import dev.verity.dsl.diag.Diagnostics;
import java.util.ArrayList;
import java.util.List;

/**
 * Runs DSL source in a session — a notebook cell or a whole experiment file — the way every front end does:
 * compile, stop on errors, execute, and turn run-time failures into diagnostics at their place.
 */
public final class Cells {
  private Cells() {}

  public static Outcome run(
      Session session, String source, String file, Overrides overrides, ExecutionListener listener) {
    return run(session, session.compile(source, file, overrides), source, listener);
  }

  /**
   * Runs a compilation of {@code source} made with {@link Session#compile}: for a front end that acts between
   * compiling and running, such as a notebook recording each cell that compiled before it runs.
   */
  public static Outcome run(Session session, Compilation compilation, String source, ExecutionListener listener) {
    if (!compilation.ok()) {
      return new Outcome.Rejected(compilation.diagnostics());
    }
    session.accept(compilation);
    List<Object> outputs = new ArrayList<>();
    ExecutionListener collecting = new Collecting(listener, outputs);
    try {
      new Executor(session, collecting).run(compilation.plan().get());
      return new Outcome.Done(outputs);
    } catch (Interrupted stop) {
      return new Outcome.Stopped(stop, outputs);
    } catch (RunError e) {
      return new Outcome.Failed(new Diagnostics(List.of(diagnostic(e.span(), e.getMessage(), source))), outputs);
    }
  }

  /**
   * Runs a file cell by cell, the way a notebook ran it: recorded stops are honoured, and the outcomes are
   * merged into one. A cell with errors, or a stop nobody recorded (Ctrl-C), ends the run there; a run-time
   * failure does too unless {@code continueAfterFailure} (a replayed session went on after it).
   */
  public static Outcome runScript(
      Session session, String text, String file, Overrides overrides, ExecutionListener listener,
      boolean continueAfterFailure) {
    List<Object> outputs = new ArrayList<>();
    Outcome.Failed firstFailure = null;
    List<SessionScript.Cell> cells = SessionScript.parse(text, file).cells();
    // each override must match somewhere in the file, not in every cell
    Overrides perCell = cells.size() > 1 ? overrides.whereTheyMatch() : overrides;
    for (SessionScript.Cell cell : cells) {
      cell.stops().forEach(session::stopStageAfter);
      Outcome outcome = run(session, cell.source(), file, perCell, listener); // lines are the file's
      outputs.addAll(outcome.outputs());
      if (outcome instanceof Outcome.Rejected) {
        return outcome;
      }
      if (outcome instanceof Outcome.Stopped stopped
          && !cell.stops().containsKey(stopped.interruption().stage())) {
        return new Outcome.Stopped(stopped.interruption(), outputs);
      }
      if (outcome instanceof Outcome.Failed failed) {
        if (!continueAfterFailure) {
          return new Outcome.Failed(failed.diagnostics(), outputs);
        }
        firstFailure = firstFailure == null ? failed : firstFailure;
      }
    }
    return firstFailure == null ? new Outcome.Done(outputs) : new Outcome.Failed(firstFailure.diagnostics(), outputs);
  }

  /** A diagnostic at {@code span} of {@code source}, with its source line for the caret. */
  static Diagnostic diagnostic(Span span, String message, String source) {
    String[] lines = source.split("\n", -1);
    String line = span.line() >= 1 && span.line() <= lines.length ? lines[span.line() - 1] : "";
    return new Diagnostic(span, message, line.replace("\r", ""));
  }

  /** Forwards everything and keeps the outputs, so a failing cell still returns what it showed. */
  private static final class Collecting implements ExecutionListener {
    private final ExecutionListener next;
    private final List<Object> outputs;

    Collecting(ExecutionListener next, List<Object> outputs) {
      this.next = next;
      this.outputs = outputs;
    }

    @Override
    public void stageStarted(String stage, String kind, String model, int steps) {
      next.stageStarted(stage, kind, model, steps);
    }

    @Override
    public void step(dev.verity.engine.train.StepMetrics metrics) {
      next.step(metrics);
    }

    @Override
    public void eval(dev.verity.engine.eval.EvalReport report) {
      next.eval(report);
    }

    @Override
    public void stageFinished(String stage, long stepsDone, boolean stopped) {
      next.stageFinished(stage, stepsDone, stopped);
    }

    @Override
    public void output(Object value) {
      outputs.add(value);
      next.output(value);
    }
  }
}
