package dev.verity.dsl.check;

import dev.verity.dsl.Environment;
import java.util.HashMap;
import java.util.Map;
import java.util.Optional;

/** The mutable session state while one compilation is checked; becomes the next {@link Environment}. */
final class SessionState {
  Optional<Environment.Experiment> experiment;
  Optional<String> lastStage;
  Optional<String> lastRlStage;
  Optional<String> lastEval;
  final Map<String, Integer> stageCounts;
  final Map<String, Environment.StageInfo> stages;
  /**
   * Whether a stage (an rl stage, an evaluation) in this cell failed to check: it still exists for the plots and
   * tables after it, which then say nothing rather than claim there is none before them.
   */
  boolean stageFailed;
  boolean rlStageFailed;
  boolean evalFailed;

  SessionState(Environment env) {
    experiment = env.experiment();
    lastStage = env.lastStage();
    lastRlStage = env.lastRlStage();
    lastEval = env.lastEval();
    stageCounts = new HashMap<>(env.stageCounts());
    stages = new HashMap<>(env.stages());
  }

  /** The label of a stage or evaluation: as written, or {@code rl#2} for the session's second unlabelled rl. */
  String label(Optional<String> written, String keyword) {
    if (written.isPresent()) {
      return written.get();
    }
    int n = stageCounts.merge(keyword, 1, Integer::sum);
    return keyword + "#" + n;
  }

  Environment toEnvironment(Scope scope) {
    return new Environment(experiment, scope.names(), lastStage, lastRlStage, lastEval, stageCounts, stages);
  }
}
