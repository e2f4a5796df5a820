package dev.verity.dsl.check;

import dev.verity.dsl.Symbol;
import dev.verity.dsl.ast.Stmt;
import dev.verity.engine.task.GeneratorType;
import dev.verity.engine.task.TaskSpec;
import java.util.Optional;

/**
 * What a stage trains on, where it is not what the file seems to say. A task with a {@code count} is a frozen
 * evaluation set, which training never trains on: a generator holds its prompts out of training (train and test
 * stay disjoint) and a jsonl task trains on its whole split. And a {@code pool} smaller than {@code prompts} cannot
 * give a step its prompts without topping them up with problems from outside the pool.
 */
final class TrainingSets {
  private final Context ctx;

  TrainingSets(Context ctx) {
    this.ctx = ctx;
  }

  /** Whether the stage trains on an endless task; reports a frozen one at the stage's task name. */
  boolean endless(Stmt.Stage s, Symbol.Task task) {
    TaskSpec spec = task.spec();
    if (spec.count() == 0) {
      return true;
    }
    int n = spec.count();
    String name = s.task().text();
    boolean rl = s.kind() == Stmt.StageKind.RL;
    String would = spec.type() instanceof GeneratorType
        ? "whose prompts training never draws, so this stage would train on other problems of "
            + spec.type().name() + " and none of its " + n
        : "and training on a file reads every problem of its split, so this stage would not train on these " + n
            + " alone";
    ctx.error(s.task().span(), "task '" + name + "' is a frozen evaluation set (count: " + n + ", declared at "
        + where(task, s) + "), " + would + ": train on a task declared without"
        + " count" + (rl ? ", and give the stage pool: " + n + " (with prompts: " + n + " or fewer) to train on a"
        + " fixed set of " + n + " problems" : ""));
    return false;
  }

  /** Where the task was declared: its line and column, after the file or cell's name when that is another. */
  private static String where(Symbol.Task task, Stmt.Stage s) {
    return (task.span().file().equals(s.span().file()) ? "" : task.span().file() + ":") + task.span().position();
  }

  /** Whether a pool, when given, holds a step's prompts; reports one that does not at prompts (or pool). */
  boolean poolHoldsPrompts(Checked a) {
    Optional<Integer> pool = a.optional("pool", Integer.class);
    int prompts = a.integer("prompts");
    if (pool.isEmpty() || pool.get() >= prompts) {
      return true;
    }
    int size = pool.get();
    String fix = "give prompts: " + size + " or fewer, or pool: " + prompts + " or more";
    if (a.isGiven("prompts")) {
      ctx.error(a.span("prompts"), "prompts: " + prompts + " draws " + prompts + " different problems each step,"
          + " but pool: " + size + " holds only " + size + " (the rest would be fresh problems from outside the"
          + " pool): " + fix);
    } else {
      ctx.error(a.span("pool"), "pool: " + size + " holds " + size + " problems, fewer than the " + prompts
          + " prompts each step draws (the default of prompts): " + fix);
    }
    return false;
  }
}
