package dev.verity.engine.sft;

import ai.djl.Device;
import dev.verity.engine.model.*;
import dev.verity.engine.optim.Schedule;
import dev.verity.engine.task.*;
import dev.verity.engine.tokenizer.CharTokenizer;
import dev.verity.engine.train.*;
import java.util.*;
import org.junit.jupiter.api.Test;

class DeterminismProbe {
  float[] run(int steps) {
    Task task = Tasks.create(new TaskSpec.Addition(new LevelRange(2, 3), 0));
    try (Policy policy = Policy.initialise(new ModelSpec(2, 2, 64, 48), CharTokenizer.of(task.alphabet()), 1, Device.cpu())) {
      SftSpec sft = new SftSpec(Map.of(TraceStyle.SCRATCHPAD, 1.0), steps, 64,
          new Schedule.Cosine(3e-3, 3e-4, 30), Optional.empty(), 0.0, 1.0);
      try (SftTrainer t = new SftTrainer(policy, task, sft, StageContext.of("sft", 0, 1))) {
        StageResult r = t.run(StageListener.NONE);
        if (steps < 50) System.out.println("losses " + r.metrics().stream().map(m -> Float.toString((float) m.loss())).reduce((a,b)->a+" "+b).get());
      }
      return policy.weights().get("wte").toFloatArray();
    }
  }

  @Test
  void probe() {
    int n = Integer.getInteger("n", 20); float[] a = run(n), b = run(n);
    System.out.println("hash=" + Arrays.hashCode(a) + " same=" + Arrays.equals(a, b) + " first " + a[5] + " " + b[5]);
  }
}
