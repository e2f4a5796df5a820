package dev.verity.engine.optim;

import static org.junit.jupiter.api.Assertions.assertEquals;

import org.junit.jupiter.api.Test;

/**
 * Where a cosine schedule's warmup stops leaving room for its decay: the checker's lr warning (dsl Warnings.lr)
 * says "never decays" exactly for warmups of steps − 1 and more, so this pins down that boundary.
 */
class CosineWarmupTest {
  private static final long STEPS = 20;

  private static double last(long warmup) {
    return new Schedule.Cosine(3e-3, 3e-4, warmup).value(STEPS - 1, STEPS);
  }

  @Test
  void aWarmupOfTheWholeStageOrAllButItsLastStepEndsAtThePeakAndNeverDecays() {
    assertEquals(3e-3, last(STEPS), 1e-15);
    assertEquals(3e-3, last(STEPS - 1), 1e-15);
  }

  @Test
  void aWarmupOfTwoStepsLessDecaysToTheEndAtTheLastStep() {
    assertEquals(3e-4, last(STEPS - 2), 1e-15);
  }

  @Test
  void aWarmupLongerThanTheStageNeverReachesThePeak() {
    assertEquals(3e-3 * STEPS / 500, last(500), 1e-15);
  }
}
