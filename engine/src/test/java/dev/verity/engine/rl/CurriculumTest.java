package dev.verity.engine.rl;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import dev.verity.engine.optim.Schedule;
import dev.verity.engine.task.LevelRange;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

/** The range each curriculum shape gives at each step, worked out by hand in the comments. */
class CurriculumTest {
  private static final LevelRange R23 = new LevelRange(2, 3);

  /** The ranges at steps 0 … n−1 of a stage of {@code total} steps, as written in the DSL. */
  private static List<String> levels(Curriculum c, int n, long total) {
    List<String> out = new ArrayList<>();
    for (int step = 0; step < n; step++) {
      LevelRange r = c.at(step, total);
      out.add(r.min() + ".." + r.max());
    }
    return out;
  }

  @Test
  void linearMovesEachEndByStepOverOverRoundedThenHolds() {
    // max: 3 + 3·t for t = 0, .25, .5, .75, 1, 1 → 3, 3.75, 4.5, 5.25, 6, 6 → 3, 4, 5 (half up), 5, 6, 6
    assertEquals(List.of("2..3", "2..4", "2..5", "2..5", "2..6", "2..6"),
        levels(Curriculum.linear("digits", R23, new LevelRange(2, 6), 4), 6, 100));
  }

  @Test
  void linearWithoutOverStretchesOverTheStageReachingTheEndAtItsLastStep() {
    // like the numeric linear: span = total − 1 = 4, so the same levels as over: 4, the last one at step 4
    assertEquals(List.of("2..3", "2..4", "2..5", "2..5", "2..6"),
        levels(Curriculum.linear("digits", R23, new LevelRange(2, 6), 0), 5, 5));
  }

  @Test
  void linearGivesTheLevelsItAlwaysHasForAnyOver() {
    // the interpolation as first written, before shapes: resumed and replayed runs depend on these levels
    LevelRange[][] moves = {{R23, new LevelRange(2, 6)}, {new LevelRange(4, 6), new LevelRange(1, 2)},
        {LevelRange.of(1), new LevelRange(3, 12)}, {new LevelRange(1, 9), new LevelRange(5, 5)}};
    for (LevelRange[] move : moves) {
      for (long over = 1; over <= 40; over++) {
        Curriculum c = Curriculum.linear("digits", move[0], move[1], over);
        for (long step = 0; step <= over + 3; step++) {
          double t = Math.min(1.0, Math.max(0.0, (double) step / over));
          int min = (int) Math.round(move[0].min() + (move[1].min() - move[0].min()) * t);
          int max = (int) Math.round(move[0].max() + (move[1].max() - move[0].max()) * t);
          assertEquals(new LevelRange(Math.min(min, max), max), c.at(step, 7), move[0] + " -> " + move[1]
              + " over " + over + " at " + step);
        }
      }
    }
  }

  @Test
  void cosineHoldsForTheWarmupThenMovesSlowFastSlowToTheEndOfTheStage() {
    // total 8, warmup 2: steps 0, 1 hold 1..3; then t = (step − 2)/5, progress p = (1 − cos πt)/2
    // step 3: p = .0955 → min 1 + 2p = 1.19, max 3 + 4p = 3.38 → 1..3
    // step 4: p = .3455 → 1.69, 4.38 → 2..4;  step 5: p = .6545 → 2.31, 5.62 → 2..6
    // step 6: p = .9045 → 2.81, 6.62 → 3..7;  step 7: p = 1 → 3..7
    assertEquals(List.of("1..3", "1..3", "1..3", "1..3", "2..4", "2..6", "3..7", "3..7"),
        levels(Curriculum.cosine("digits", new LevelRange(1, 3), new LevelRange(3, 7), 2), 8, 8));
  }

  @Test
  void cosineWithoutWarmupStartsMovingAtOnce() {
    // total 5: t = step/4; p = 0, .146, .5, .854, 1 → max 2 + 4p = 2, 2.59, 4, 5.41, 6
    assertEquals(List.of("2..2", "2..3", "2..4", "2..5", "2..6"),
        levels(Curriculum.cosine("digits", LevelRange.of(2), new LevelRange(2, 6), 0), 5, 5));
  }

  @Test
  void rampHoldsUntilStartThenRisesLinearlyOverOverThenHolds() {
    // start 2, over 4: steps ≤ 2 hold 2..3; t = (step − 2)/4 → max 3 + 4t = 4, 5, 6, 7, then 7
    assertEquals(List.of("2..3", "2..3", "2..3", "2..4", "2..5", "2..6", "2..7", "2..7"),
        levels(Curriculum.ramp("digits", R23, new LevelRange(2, 7), 4, 2), 8, 100));
  }

  @Test
  void constantIsTheSameRangeAtEveryStep() {
    assertEquals(List.of("3..5", "3..5", "3..5"), levels(Curriculum.constant("digits", new LevelRange(3, 5)), 3, 3));
  }

  @Test
  void aStepScheduleHasNoMeaningForARange() {
    assertThrows(IllegalArgumentException.class,
        () -> new Curriculum("digits", R23, R23, new Schedule.Step(1, 10, 0.5)));
  }
}
