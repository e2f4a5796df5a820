package dev.verity.engine.rl;

import dev.verity.engine.task.Problem;
import dev.verity.engine.task.Task;
import java.io.DataInputStream;
import java.io.DataOutputStream;
import java.io.IOException;
import java.util.List;

/** Where an RL step's prompts come from, and what it learns from their outcomes. */
public interface ProblemSource {
  /** {@code count} distinct problems for {@code step}, from {@code task} at its current levels. */
  List<Problem> draw(long step, int count, Task task);

  /** The k outcomes of each drawn problem (true = right), in draw order, after the step scored them. */
  default void record(List<Problem> problems, boolean[] correct, int k) {}

  /** Writes what {@link #record} learned, for checkpoints. */
  default void write(DataOutputStream out) throws IOException {}

  /** Restores what {@link #write} wrote. */
  default void read(DataInputStream in) throws IOException {}
}
