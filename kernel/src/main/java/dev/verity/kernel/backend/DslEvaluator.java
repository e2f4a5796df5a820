package dev.verity.kernel.backend;

import dev.verity.dsl.Compiler;
import dev.verity.dsl.Environment;
import dev.verity.dsl.Overrides;
import dev.verity.dsl.assist.Assist;
import dev.verity.dsl.assist.Completeness;
import dev.verity.dsl.assist.Completion;
import dev.verity.dsl.exec.Outcome;
import dev.verity.engine.report.Chart;
import dev.verity.kernel.cell.CellError;
import dev.verity.kernel.cell.CellEvaluator;
import dev.verity.kernel.cell.CellOutput;
import dev.verity.kernel.cell.Completions;
import dev.verity.kernel.cell.HelpText;
import dev.verity.kernel.cell.IsComplete;
import java.io.IOException;
import java.util.Optional;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Runs cells as Verity DSL in the notebook's session, named {@code cell[N]} in diagnostics after their {@code
 * In [N]}, showing outputs and training progress as they come; editor help comes from the DSL's {@link Assist}.
 */
final class DslEvaluator implements CellEvaluator {
  private static final Logger LOG = LoggerFactory.getLogger(DslEvaluator.class);

  private final Notebook notebook;

  DslEvaluator(Notebook notebook) {
    this.notebook = notebook;
  }

  @Override
  public void evaluate(String code, CellOutput out) throws CellError {
    run(notebook, code, "cell", "cell", out);
  }

  @Override
  public void evaluate(String code, int executionCount, CellOutput out) throws CellError {
    String name = "cell[" + executionCount + "]";
    run(notebook, code, name, name, out);
  }

  /**
   * Runs {@code source} (a cell, or a file for {@code %run}) in {@code notebook} with live output on {@code out}:
   * recording problems as warnings on stderr, the charts it shows saved in the run directory, and an error output
   * when it does not run to its end.
   */
  static void run(Notebook notebook, String source, String file, String comment, CellOutput out) throws CellError {
    LiveOutput live = new LiveOutput(out, chart -> save(notebook, chart, out), System::nanoTime);
    Outcome outcome;
    try {
      outcome = notebook.run(source, file, comment, live);
    } finally {
      notebook.takeWarnings().forEach(w -> out.printError(w + "\n"));
    }
    Outcomes.check(outcome);
  }

  private static void save(Notebook notebook, Chart chart, CellOutput out) {
    notebook.recorder().ifPresent(run -> {
      try {
        ChartFiles.save(run, chart);
      } catch (IOException | RuntimeException e) {
        out.printError("warning: could not save the chart '" + chart.title() + "' in " + run.path() + ": "
            + e.getMessage() + "\n");
      }
    });
  }

  /** Cells checked but never run or recorded: a comment, declarations, a stage, and editor help on them. */
  private static final String WARM_UP = """
      # a comment
      experiment "warm-up" seed 1
      task add = addition(digits: 1..2)
      model policy = gpt(layers: 1, heads: 2, dim: 16, context: 24)
      reward correct = exact_answer()
      sampling explore = sample(max_tokens: 6, per_prompt: 2)
      rl tune: policy on add { reward: correct, sampling: explore, steps: 3 }
      """;

  @Override
  public void warmUp() {
    Compiler.compile("# a comment\n", "warm-up", notebook.baseDir(), Environment.EMPTY, Overrides.NONE);
    Compiler.compile(WARM_UP, "warm-up", notebook.baseDir(), Environment.EMPTY, Overrides.NONE);
    Assist.isComplete(WARM_UP);
    Assist.complete(WARM_UP, WARM_UP.length() - 12, Environment.EMPTY);
    Assist.inspect(WARM_UP, 60);
    MagicLines.blank(WARM_UP);
  }

  @Override
  public void interrupt() {
    notebook.requestStop();
  }

  @Override
  public Completions complete(String code, int cursor) {
    if (MagicLines.isMagicLine(code, cursor)) {
      return Completions.none(cursor);
    }
    Completion found = Assist.complete(MagicLines.blank(code), cursor, notebook.environment());
    return new Completions(found.texts(), found.start(), found.end());
  }

  @Override
  public Optional<HelpText> inspect(String code, int cursor) {
    if (MagicLines.isMagicLine(code, cursor)) {
      return Optional.empty();
    }
    return Assist.inspect(MagicLines.blank(code), cursor).map(found -> new HelpText(found.text()));
  }

  @Override
  public IsComplete isComplete(String code) {
    String blanked = MagicLines.blank(code);
    Completeness answer = Assist.isComplete(blanked);
    return switch (answer) {
      case COMPLETE -> IsComplete.COMPLETE;
      case INVALID -> IsComplete.INVALID;
      case INCOMPLETE -> IsComplete.incomplete(MagicLines.nextIndent(blanked));
    };
  }

  @Override
  public void close() {
    notebook.close();
    notebook.takeWarnings().forEach(w -> LOG.warn("{}", w));
  }
}
