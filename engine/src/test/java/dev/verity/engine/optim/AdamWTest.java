package dev.verity.engine.optim;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;

import ai.djl.engine.Engine;
import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import ai.djl.training.GradientCollector;
import dev.verity.engine.runtime.TorchRuntime;
import java.util.List;
import org.junit.jupiter.api.Test;

class AdamWTest {
  /** loss = Σ c·w, so the gradient is c: one step from zero moments, worked by hand. */
  @Test
  void oneStepMatchesHandComputedAdamWWithDecoupledDecay() {
    TorchRuntime.noGradOnThisThread();
    try (NDManager root = NDManager.newBaseManager();
        NDManager params = root.newSubManager()) {
      NDArray w = params.create(new float[] {1f, -2f});
      w.setRequiresGradient(true);
      try (AdamW adam = new AdamW(List.of(w), root);
          NDManager step = root.newSubManager()) {
        NDArray c = step.create(new float[] {0.5f, -3f});
        try (GradientCollector gc = Engine.getInstance().newGradientCollector()) {
          gc.backward(c.mul(w).sum());
        }
        double norm = adam.step(List.of(w), step, 0.1, 0.1, 0);
        assertEquals(Math.sqrt(0.25 + 9), norm, 1e-6);
        // m̂ = g, v̂ = g², so the Adam step is lr·sign(g); decay subtracts lr·wd·w
        // w0: 1 − 0.1·1 − 0.1·0.1·1 = 0.89;  w1: −2 + 0.1 − 0.1·0.1·(−2) = −1.88
        assertArrayEquals(new float[] {0.89f, -1.88f}, w.toFloatArray(), 1e-5f);
        assertEquals(1, adam.steps());
      }
    }
  }

  @Test
  void clippingScalesTheGradientToTheNorm() {
    TorchRuntime.noGradOnThisThread();
    try (NDManager root = NDManager.newBaseManager();
        NDManager params = root.newSubManager()) {
      NDArray w = params.create(new float[] {0f, 0f});
      w.setRequiresGradient(true);
      try (AdamW adam = new AdamW(List.of(w), root);
          NDManager step = root.newSubManager()) {
        try (GradientCollector gc = Engine.getInstance().newGradientCollector()) {
          gc.backward(step.create(new float[] {3f, 4f}).mul(w).sum());
        }
        assertEquals(5.0, adam.step(List.of(w), step, 0.01, 0, 1.0), 1e-6);
        // Adam's first step is lr·g/|g| per element whatever the scale: −0.01 each
        assertArrayEquals(new float[] {-0.01f, -0.01f}, w.toFloatArray(), 1e-6f);
      }
    }
  }
}
