package dev.verity.engine.sft;

import ai.djl.Device;
import dev.verity.engine.eval.*;
import dev.verity.engine.model.*;
import dev.verity.engine.optim.Schedule;
import dev.verity.engine.sample.SamplingSpec;
import dev.verity.engine.task.*;
import dev.verity.engine.tokenizer.CharTokenizer;
import dev.verity.engine.train.*;
import java.util.*;
import org.junit.jupiter.api.Test;

class SftProbe {
  @Test
  void probe() {
    int steps = Integer.getInteger("steps", 300);
    int dim = Integer.getInteger("dim", 64);
    String style = System.getProperty("style", "DIRECT");
    Task task = Tasks.create(new TaskSpec.Addition(new LevelRange(2, 3), 0));
    ModelSpec spec = new ModelSpec(2, 2, dim, 48);
    try (Policy policy = Policy.initialise(spec, CharTokenizer.of(task.alphabet()), 1, Device.cpu())) {
      SftSpec sft = new SftSpec(Map.of(TraceStyle.valueOf(style), 1.0), steps, 64,
          new Schedule.Cosine(3e-3, 3e-4, 30), Optional.empty(), 0.0, 1.0);
      List<Problem> test = FrozenSet.draw(task, 1, "test", 200);
      EvalSet eval = new EvalSet("test", task, test, SamplingSpec.greedy(40), 100);
      try (SftTrainer t = new SftTrainer(policy, task, sft, StageContext.of("sft", 0, 1).withEval(eval))) {
        long t0 = System.nanoTime();
        StageResult r = t.run(new StageListener() {
          public void onStep(StepMetrics m) { if (m.step() % 50 == 0) System.out.println(m); }
          public void onEval(EvalReport e) { System.out.println("EVAL " + e.step() + " " + e.overall()); }
        });
        System.out.printf("total %.1fs%n", (System.nanoTime() - t0) / 1e9);
        var sampler = new dev.verity.engine.sample.Sampler(policy);
        List<int[]> ps = new ArrayList<>(); List<java.util.SplittableRandom> rs = new ArrayList<>();
        for (int i = 0; i < 8; i++) { ps.add(policy.tokenizer().encode(test.get(i).prompt())); rs.add(new java.util.SplittableRandom(i)); }
        var g = sampler.generate(ps, rs, dev.verity.engine.sample.DecodeOptions.greedy(40), true);
        for (int i = 0; i < 8; i++) System.out.println(test.get(i).prompt() + " -> " + policy.tokenizer().decode(g.responses()[i]) + "   want " + task.trace(test.get(i), TraceStyle.valueOf(style)));
      }
    }
  }
}
