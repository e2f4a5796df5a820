package dev.verity.kernel.cell;

import java.util.Optional;

/**
 * Runs the language of a notebook's cells. This is the only thing a language (the Verity DSL) implements to live
 * in the kernel; it never sees Jupyter. {@link #evaluate} runs on one thread, one cell at a time; {@link
 * #interrupt} arrives from another thread while a cell runs.
 */
public interface CellEvaluator extends AutoCloseable {

  /** Runs one cell (magic lines already removed, blank in their place) and shows its results on {@code out}. */
  void evaluate(String code, CellOutput out) throws CellError;

  /**
   * Runs the cell a notebook shows as {@code In [executionCount]} (a silent execution repeats the last count). A
   * language that names cells in its messages overrides this; by default the count is not used.
   */
  default void evaluate(String code, int executionCount, CellOutput out) throws CellError {
    evaluate(code, out);
  }

  /** Asks the running cell to stop soon; its {@link #evaluate} should then throw {@link CellError#interrupted()}. */
  void interrupt();

  /** Completions for the word at {@code cursor} (a char index into {@code code}). */
  Completions complete(String code, int cursor);

  /** Help for the name at {@code cursor}, if there is any. */
  Optional<HelpText> inspect(String code, int cursor);

  /** Whether a console should run {@code code} now or wait for more lines. */
  IsComplete isComplete(String code);

  /**
   * Runs the language's per-cell code paths once on throwaway input (checking a sample cell, editor help), so the
   * JIT has compiled them before the user's first cells: called repeatedly on a background thread at kernel start.
   * Must not touch the session or write anything.
   */
  default void warmUp() {}

  /** Releases what the session holds (models, threads) when the kernel shuts down. */
  @Override
  default void close() {}
}
