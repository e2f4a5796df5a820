package dev.verity.engine.rl;

import ai.djl.Device;
import dev.verity.engine.eval.*;
import dev.verity.engine.model.*;
import dev.verity.engine.optim.Schedule;
import dev.verity.engine.reward.RewardExpr;
import dev.verity.engine.sample.SamplingSpec;
import dev.verity.engine.sft.*;
import dev.verity.engine.task.*;
import dev.verity.engine.tokenizer.CharTokenizer;
import dev.verity.engine.train.*;
import java.util.*;
import org.junit.jupiter.api.Test;

class RlProbe {
  @Test
  void probe() {
    int sftSteps = Integer.getInteger("sftSteps", 400);
    int rlSteps = Integer.getInteger("rlSteps", 30);
    boolean zero = Boolean.getBoolean("zero");
    Task task = Tasks.create(new TaskSpec.Addition(new LevelRange(2, 3), 0));
    ModelSpec spec = new ModelSpec(2, 2, 64, 48);
    List<Problem> test = FrozenSet.draw(task, 1, "test", 200);
    EvalSet eval = new EvalSet("test", task, test, SamplingSpec.greedy(40), 10);
    try (Policy policy = Policy.initialise(spec, CharTokenizer.of(task.alphabet()), 1, Device.cpu())) {
      SftSpec sft = new SftSpec(Map.of(TraceStyle.SCRATCHPAD, 1.0), sftSteps, 64,
          new Schedule.Cosine(3e-3, 3e-4, 30), Optional.empty(), 0.0, 1.0);
      try (SftTrainer t = new SftTrainer(policy, task, sft, StageContext.of("sft", 0, 1))) {
        t.run(StageListener.NONE);
        System.out.println("SFT " + t.evaluate(eval, sftSteps).overall());
      }
      RlSpec rl = new RlSpec(zero ? new RewardExpr.Const(0) : new RewardExpr.ExactAnswer(),
          new SamplingSpec(Schedule.constant(1.0), 0, 1.0, 40, 8), 16,
          new Algorithm.Reinforce(Algorithm.Baseline.GROUP_MEAN), Optional.empty(), Schedule.constant(Double.parseDouble(System.getProperty("lr", "1e-4"))),
          rlSteps, 1, Optional.empty(), Prioritize.UNIFORM, Optional.empty(), 0.0, 1.0);
      try (RlTrainer t = new RlTrainer(policy, task, rl, StageContext.of("rl", 1, 1).withEval(eval))) {
        long t0 = System.nanoTime();
        t.run(new StageListener() {
          public void onStep(StepMetrics m) { System.out.printf("step %d reward %.3f acc %.3f len %.1f kl %.5f ent %.3f loss %.4f gn %.3f fzs %.2f tok/s %.0f | s %.2f sc %.3f tr %.2f%n", m.step(), m.rewardMean(), m.accuracy(), m.responseLenMean(), m.kl(), m.entropy(), m.loss(), m.gradNorm(), m.fracZeroStd(), m.tokensPerS(), t.times().sampling, t.times().scoring, t.times().training); }
          public void onEval(EvalReport e) { System.out.println("EVAL " + e.step() + " " + e.overall()); }
        });
        System.out.printf("total %.1fs%n", (System.nanoTime() - t0) / 1e9);
      }
    }
  }
}
