package dev.verity.dsl.exec;

import dev.verity.engine.rl.PeriodicEval;
import dev.verity.engine.task.GeneratorType;
import dev.verity.engine.task.HeldOutTask;
import dev.verity.engine.task.Problem;
import dev.verity.engine.task.Task;
import dev.verity.engine.task.TaskSpec;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/**
 * The task a stage trains on. Train and test are disjoint: a generator never draws, in training, a prompt of an
 * evaluation set of the same generator — every frozen task declared so far, every set already drawn for an
 * evaluation, and the stage's own periodic evaluation. A jsonl task is split with {@code split:} instead.
 */
final class TrainingTasks {
  private TrainingTasks() {}

  static Task of(Session session, String name, TaskSpec spec, Optional<PeriodicEval> eval) {
    Task task = session.task(name, spec);
    if (!(task.type() instanceof GeneratorType)) {
      return task;
    }
    String generator = spec.type().name();
    Map<String, List<Problem>> sets = session.evaluationSets(generator);
    eval.filter(e -> e.task().type().name().equals(generator))
        .ifPresent(e -> sets.putIfAbsent(e.name(), session.frozen(e.name(), e.task())));
    Set<String> prompts = new HashSet<>();
    sets.values().forEach(problems -> problems.forEach(p -> prompts.add(p.prompt())));
    List<String> from = List.copyOf(sets.keySet());
    return prompts.isEmpty() ? task : new HeldOutTask(task, prompts, String.join(", ", from));
  }
}
