package dev.verity.engine.eval;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.verity.engine.TrainedAddition;
import dev.verity.engine.Training;
import dev.verity.engine.model.Policy;
import dev.verity.engine.optim.Schedule;
import dev.verity.engine.sample.SamplingSpec;
import dev.verity.engine.task.FrozenSet;
import dev.verity.engine.task.Problem;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;

/** A stop asked for during an evaluation ends it before its next batch, keeping nothing of it. */
class EvaluatorStopTest {
  private static final List<Problem> TEST = FrozenSet.draw(Training.ADDITION, 1, "test", 40);

  @Test
  void aStopAskedAfterTheFirstBatchEndsTheEvaluationEmptyAndOneNeverAskedGivesTheWholeReport() {
    try (Policy policy = Training.loadPolicy(TrainedAddition.get().partWay())) {
      SamplingSpec sampled = new SamplingSpec(Schedule.constant(1.0), 0, 1.0, 40, 8); // 320 sequences: 2 batches
      Evaluator.Request request = new Evaluator.Request(
          "eval", 0, 0, 1, "test", Training.ADDITION, TEST, sampled, TrainedAddition.SEED);
      AtomicInteger asked = new AtomicInteger();
      Optional<EvalReport> stopped = new Evaluator(policy).evaluate(request, () -> asked.incrementAndGet() > 1);
      assertTrue(stopped.isEmpty(), "stopped before the second batch");
      assertEquals(2, asked.get(), "asked before each batch, and no more once told to stop");

      AtomicInteger never = new AtomicInteger();
      EvalReport whole = new Evaluator(policy).evaluate(request, () -> never.incrementAndGet() < 0).orElseThrow();
      assertEquals(2, never.get());
      assertEquals(320, whole.samples().size());
      assertEquals(new Evaluator(policy).evaluate(request).overall().accuracy(), whole.overall().accuracy(),
          "the same figures as an evaluation that cannot be stopped");
    }
  }
}
