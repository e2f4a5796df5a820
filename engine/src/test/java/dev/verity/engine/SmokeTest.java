package dev.verity.engine;

import static org.junit.jupiter.api.Assertions.assertEquals;

import ai.djl.ndarray.NDManager;
import org.junit.jupiter.api.Test;

/** DJL starts offline with the bundled PyTorch CPU natives. */
class SmokeTest {
  @Test
  void pytorchEngineStartsOfflineAndComputes() {
    try (NDManager m = NDManager.newBaseManager()) {
      assertEquals(6f, m.create(new float[] {1, 2, 3}).sum().getFloat());
      assertEquals("2.7.1", m.getEngine().getVersion());
    }
  }
}
