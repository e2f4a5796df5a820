package dev.verity.dsl.exec;

import dev.verity.dsl.Compilation;
import dev.verity.dsl.Overrides;
import dev.verity.dsl.ast.Span;
import dev.verity.dsl.diag.Diagnostic;
import dev.verity.dsl.diag.Diagnostics;
import dev.verity.dsl.plan.Action;
import dev.verity.dsl.plan.Plan;
import dev.verity.engine.doctor.Finding;
import dev.verity.engine.eval.EvalReport;
import dev.verity.engine.train.StepMetrics;
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
    return execute(session, compilation.plan().get(), source, listener);
  }

  /** Runs a checked plan in the session; {@code source} holds the lines its steps' places point into. */
  private static Outcome execute(Session session, Plan plan, String source, ExecutionListener listener) {
    List<Object> outputs = new ArrayList<>();
    ExecutionListener collecting = new Collecting(listener, outputs);
    try {
      new Executor(session, collecting).run(plan);
      return new Outcome.Done(outputs);
    } catch (Interrupted stop) {
      return new Outcome.Stopped(stop, outputs);
    } catch (RunError e) {
      // a place in another source (a reward declared in an earlier cell) is named without a line of this one
      boolean here = plan.steps().stream().anyMatch(step -> step.span().file().equals(e.span().file()));
      return new Outcome.Failed(new Diagnostics(List.of(diagnostic(e.span(), e.getMessage(), here ? source : ""))),
          outputs);
    }
  }

  /** Compiles a whole file once in the session, then runs it cell by cell: see below. */
  public static Outcome runScript(
      Session session, String text, String file, Overrides overrides, ExecutionListener listener,
      boolean continueAfterFailure) {
    return runScript(session, session.compile(text, file, overrides), text, file, listener, continueAfterFailure);
  }

  /**
   * Runs a whole file, compiled once ({@code compiled}), cell by cell the way a notebook ran it: each cell's
   * statements in turn, recorded stops honoured, the outcomes merged into one. A stop nobody recorded (Ctrl-C)
   * ends the run there; a run-time failure does too unless {@code continueAfterFailure} (a replayed session went
   * on after it).
   */
  public static Outcome runScript(
      Session session, Compilation compiled, String text, String file, ExecutionListener listener,
      boolean continueAfterFailure) {
    if (!compiled.ok()) {
      return new Outcome.Rejected(compiled.diagnostics());
    }
    session.accept(compiled);
    Plan whole = compiled.plan().get();
    List<Action> steps = whole.steps();
    List<Object> outputs = new ArrayList<>();
    Outcome.Failed firstFailure = null;
    for (SessionScript.Cell cell : SessionScript.parse(text, file).cells()) {
      cell.stops().forEach(session::stopStageAfter);
      Plan plan = new Plan(steps.stream().filter(s -> cell.holds(s.span().line())).toList(), whole.tasks(), whole.markers());
      Outcome outcome = execute(session, plan, text, listener);
      outputs.addAll(outcome.outputs());
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
    public void step(StepMetrics metrics) {
      next.step(metrics);
    }

    @Override
    public void eval(EvalReport report) {
      next.eval(report);
    }

    @Override
    public void finding(Finding finding) {
      next.finding(finding);
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
