package dev.verity.engine.runtime;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import ai.djl.engine.Engine;
import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.Shape;
import ai.djl.training.GradientCollector;
import java.nio.ByteBuffer;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

class TensorsTest {
  /**
   * A scalar autograd keeps for the backward pass must outlive garbage collection between forward and backward:
   * here the collector runs and freed native memory is reused and scribbled over before backward.
   */
  @Test
  void scalarsSurviveGarbageCollectionBetweenForwardAndBackward() {
    TorchRuntime.noGradOnThisThread();
    try (NDManager root = NDManager.newBaseManager();
        NDManager step = root.newSubManager()) {
      NDArray x = step.create(new float[] {1f, 2f, 3f});
      x.setRequiresGradient(true);
      try (GradientCollector collector = Engine.getInstance().newGradientCollector()) {
        NDArray y = x.mul(Tensors.scalar(x, 3)).div(Tensors.scalar(x, 2)).sum(); // dy/dx = 1.5
        scribbleOverFreedNativeMemory();
        collector.backward(y);
      }
      try (NDArray grad = x.getGradient()) {
        assertArrayEquals(new float[] {1.5f, 1.5f, 1.5f}, grad.toFloatArray());
      }
    }
  }

  @Test
  void alignedCopiesAndOverwritesKeepEveryBit() {
    try (NDManager m = NDManager.newBaseManager()) {
      float[] values = {-0f, Float.MIN_VALUE, 1e-30f, -3.5f, Float.MAX_VALUE, 1f / 3};
      NDArray a = Tensors.aligned(m, values, new Shape(2, 3));
      assertArrayEquals(values, a.toFloatArray());
      float[] other = {7f, -0f, 2f, Float.MIN_NORMAL, 0f, -1f / 3};
      Tensors.overwrite(a, other);
      float[] back = a.toFloatArray();
      for (int i = 0; i < other.length; i++) {
        assertArrayEquals(new int[] {Float.floatToRawIntBits(other[i])}, new int[] {Float.floatToRawIntBits(back[i])});
      }
    }
  }

  @Test
  void prefixesAreViewsThatSeeLaterWritesAndBelongToTheStep() {
    try (NDManager root = NDManager.newBaseManager()) {
      NDArray buffer = root.zeros(new Shape(2, 1, 4)); // (B, H, capacity)
      NDArray prefix;
      try (NDManager step = root.newSubManager()) {
        Tensors.writeAt(buffer, 2, 1, step.create(new float[] {5f, -0f}, new Shape(2, 1, 1)));
        prefix = Tensors.prefix(buffer, 2, 2, step); // (2, 1, 2)
        assertEquals(new Shape(2, 1, 2), prefix.getShape());
        assertArrayEquals(new float[] {0f, 5f, 0f, -0f}, prefix.toFloatArray());
        Tensors.writeAt(buffer, 2, 0, step.create(new float[] {1f, 2f}, new Shape(2, 1, 1)));
        assertArrayEquals(new float[] {1f, 5f, 2f, -0f}, prefix.toFloatArray(), "a view, not a copy");
      }
      assertTrue(prefix.isReleased(), "closed with the step's manager");
      assertArrayEquals(new float[] {1f, 5f, 0f, 0f, 2f, -0f, 0f, 0f}, buffer.toFloatArray());
    }
  }

  /** Frees unreachable direct buffers and fills the reused memory with huge values. */
  private static void scribbleOverFreedNativeMemory() {
    for (int round = 0; round < 5; round++) {
      System.gc();
      List<ByteBuffer> junk = new ArrayList<>();
      for (int i = 0; i < 2000; i++) {
        ByteBuffer b = ByteBuffer.allocateDirect(4 * (1 + i % 8));
        while (b.remaining() >= 4) {
          b.putFloat(1e30f);
        }
        junk.add(b);
      }
    }
  }
}
