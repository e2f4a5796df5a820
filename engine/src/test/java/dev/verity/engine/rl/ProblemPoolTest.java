package dev.verity.engine.rl;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.verity.engine.Training;
import dev.verity.engine.model.Policy;
import dev.verity.engine.optim.Schedule;
import dev.verity.engine.task.Problem;
import dev.verity.engine.train.StageContext;
import dev.verity.engine.train.StageListener;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.Test;

/**
 * {@code pool: N} is the training set: uniform and prioritised sampling with the same pool draw from the same N
 * problems, uniform evenly, so the two compare on one training set rather than fresh problems against a pool.
 */
class ProblemPoolTest {

  @Test
  void uniformAndPrioritisedPoolsOfAnyStageHoldTheSameProblems() {
    // in different stages too: the pool setting is the experiment's training set
    ProblemPool uniform = new ProblemPool(7, 1, Training.ADDITION, 24, false, true);
    ProblemPool prioritised = new ProblemPool(7, 2, Training.ADDITION, 24, true, true);
    assertEquals(24, uniform.size());
    assertEquals(uniform.problems(), prioritised.problems());
  }

  @Test
  void uniformDrawsEveryPoolProblemAboutEquallyOften() {
    ProblemPool pool = new ProblemPool(7, 1, Training.ADDITION, 20, false, true);
    Set<String> prompts = prompts(pool.problems());
    Map<String, Integer> seen = new HashMap<>();
    for (long step = 0; step < 500; step++) {
      List<Problem> drawn = pool.draw(step, 4, Training.ADDITION);
      assertEquals(4, prompts(drawn).size(), "no repeats within a step");
      for (Problem p : drawn) {
        assertTrue(prompts.contains(p.prompt()), p.prompt() + " is not in the pool");
        seen.merge(p.prompt(), 1, Integer::sum);
      }
      boolean[] wrong = new boolean[4];
      pool.record(drawn, wrong, 1); // all wrong: a prioritised pool would now favour nothing; uniform ignores it
    }
    // 500 × 4 / 20 = 100 draws each on average; a binomial(2000, 1/20) stays within 60..140 by far
    assertEquals(20, seen.size());
    seen.values().forEach(n -> assertTrue(n > 60 && n < 140, "drawn " + n + " times of 100 expected"));
  }

  @Test
  void anRlStageWithAPoolTrainsOnlyOnThePoolsProblemsUnderEitherSampling() {
    for (Prioritize prioritize : Prioritize.values()) {
      RlSpec spec = RlSpec.of(Training.EXACT_PLUS_LENGTH, Training.sampling(1.0, 2), 3).withPrompts(4)
          .withLr(Schedule.constant(1e-3)).withPrioritize(prioritize).withPool(6);
      Set<String> trained = new HashSet<>();
      try (Policy policy = Training.policy(Training.TINY, 3);
          RlTrainer trainer = new RlTrainer(policy, Training.ADDITION, spec, StageContext.of("rl", 0, 3))) {
        trainer.run(new StageListener() {
          @Override
          public void onRollouts(String stage, long step, List<ScoredRollout> rollouts) {
            rollouts.forEach(r -> trained.add(r.problem().prompt()));
          }
        });
      }
      Set<String> pool = prompts(new ProblemPool(3, 5, Training.ADDITION, 6, false, true).problems());
      assertTrue(pool.containsAll(trained), prioritize + ": trained on " + trained + ", pool " + pool);
      assertTrue(trained.size() >= 4, prioritize + ": 3 steps of 4 prompts reach most of the pool");
    }
  }

  private static Set<String> prompts(List<Problem> problems) {
    Set<String> out = new HashSet<>();
    problems.forEach(p -> out.add(p.prompt()));
    return out;
  }
}
