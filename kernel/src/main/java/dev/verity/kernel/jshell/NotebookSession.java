package dev.verity.kernel.jshell;

import dev.verity.dsl.Symbol;
import dev.verity.dsl.exec.Session;
import dev.verity.dsl.exec.StageRecord;
import dev.verity.dsl.exec.Tables;
import dev.verity.engine.eval.EvalReport;
import dev.verity.engine.run.MetricsTables;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.function.Supplier;
import tech.tablesaw.api.Table;

/**
 * The notebook's DSL session as Java cells see it, through the variable {@code session}: the names declared so
 * far and the results of the stages and evaluations that ran, as Tablesaw tables (shown as HTML when a cell ends
 * with one). Read-only: Java cells look at the experiment, DSL cells run it.
 *
 * <pre>
 * session.tasks()                  // [add, add_test]
 * session.metrics("warm")          // one row per step of stage warm
 * session.evaluation("final")      // one row per level, then "all"
 * session.rollouts("grpo", 5)      // the last 5 rollouts of stage grpo
 * </pre>
 */
public final class NotebookSession {
  /** What reading results says before any DSL cell ran: in a notebook, and as a replay defines Java cells again. */
  static final String NO_RESULTS_YET =
      "no DSL cell has run yet: declare and train in DSL cells, then look at the results here";

  private final Supplier<Optional<Session>> session;

  /** A view of what {@code session} gives: empty before the first DSL cell ran. */
  public NotebookSession(Supplier<Optional<Session>> session) {
    this.session = session;
  }

  /** The tasks declared so far ({@code task NAME = …}), in order. */
  public List<String> tasks() {
    return names(Symbol.Task.class);
  }

  /** The models declared or loaded so far. */
  public List<String> models() {
    return names(Symbol.Model.class);
  }

  /** The rewards declared so far. */
  public List<String> rewards() {
    return names(Symbol.Reward.class);
  }

  /** The samplings declared so far. */
  public List<String> samplings() {
    return names(Symbol.Sampling.class);
  }

  /** The sft and rl stages that ran, labelled or automatically named ({@code rl#1}), in order. */
  public List<String> stages() {
    return session.get().map(s -> List.copyOf(s.stages().keySet())).orElse(List.of());
  }

  /** The metrics of a stage that ran: one row per step, a column per metric. */
  public Table metrics(String stage) {
    return MetricsTables.of(stage(stage).metrics()).setName("metrics of " + stage);
  }

  /** The results of an evaluation that ran ({@code eval NAME: …}): one row per level, then {@code all}. */
  public Table evaluation(String name) {
    EvalReport report = running().eval(name).orElseThrow(() -> new IllegalArgumentException(
        "no evaluation '" + name + "' has run in this session; run an eval statement named " + name + " first"));
    return Tables.eval(List.of(report));
  }

  /** Every rollout an rl stage kept: prompt, response, answer, reward and each reward term. */
  public Table rollouts(String stage) {
    return Tables.rollouts(stage(stage), true, Integer.MAX_VALUE);
  }

  /** The last {@code count} rollouts of an rl stage. */
  public Table rollouts(String stage, int count) {
    return Tables.rollouts(stage(stage), false, count);
  }

  @Override
  public String toString() {
    return "session: tasks " + tasks() + ", models " + models() + ", rewards " + rewards() + ", samplings "
        + samplings() + ", stages " + stages();
  }

  private List<String> names(Class<? extends Symbol> kind) {
    return session.get().map(s -> s.environment().names().entrySet().stream()
        .filter(e -> kind.isInstance(e.getValue())).map(Map.Entry::getKey).toList()).orElse(List.of());
  }

  private StageRecord stage(String name) {
    return running().stage(name).orElseThrow(() -> new IllegalArgumentException("no stage '" + name
        + "' has run in this session" + (stages().isEmpty() ? "" : "; stages that ran: " + stages())));
  }

  private Session running() {
    return session.get().orElseThrow(() -> new IllegalStateException(NO_RESULTS_YET));
  }
}
