package dev.verity.engine.runtime;

import java.io.DataInput;
import java.io.DataOutput;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.FloatBuffer;

/**
 * Float arrays in checkpoints: each value's raw bits, big-endian, exactly as {@code DataOutput.writeInt} of
 * {@code Float.floatToRawIntBits} writes them, so checkpoints written before this class load the same. Copied in
 * blocks rather than one {@code writeInt} per value: a checkpoint with optimiser state and reference holds about
 * 3.3 million floats, which took 23-57 ms to write or read one at a time and take 4-16 ms in blocks (measured
 * with another job on the cores; the rest of a checkpoint's time is the copy out of PyTorch and the fsync).
 */
public final class FloatBlocks {
  private static final int BLOCK = 16_384; // floats per copy: 64 KB, the checkpoint stream's buffer size

  private FloatBlocks() {}

  public static void write(DataOutput out, float[] values) throws IOException {
    ByteBuffer bytes = ByteBuffer.allocate(Math.min(values.length, BLOCK) * Float.BYTES).order(ByteOrder.BIG_ENDIAN);
    FloatBuffer floats = bytes.asFloatBuffer();
    for (int from = 0; from < values.length; from += BLOCK) {
      int count = Math.min(BLOCK, values.length - from);
      floats.clear();
      floats.put(values, from, count); // raw bits: a heap buffer's float view keeps NaN payloads as they are
      out.write(bytes.array(), 0, count * Float.BYTES);
    }
  }

  /** Fills {@code into} with the next {@code into.length} floats of {@code in}. */
  public static void read(DataInput in, float[] into) throws IOException {
    ByteBuffer bytes = ByteBuffer.allocate(Math.min(into.length, BLOCK) * Float.BYTES).order(ByteOrder.BIG_ENDIAN);
    FloatBuffer floats = bytes.asFloatBuffer();
    for (int from = 0; from < into.length; from += BLOCK) {
      int count = Math.min(BLOCK, into.length - from);
      in.readFully(bytes.array(), 0, count * Float.BYTES);
      floats.clear();
      floats.get(into, from, count);
    }
  }
}
