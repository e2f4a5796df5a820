package dev.verity.engine.runtime;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.DataInputStream;
import java.io.DataOutputStream;
import java.io.EOFException;
import java.io.IOException;
import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;

/** Checkpoints written one value at a time (before block copies) and in blocks are the same bytes. */
class FloatBlocksTest {

  @Test
  void blocksWriteTheBytesOfOneWriteIntPerValueAndReadThemBack() throws IOException {
    for (int length : new int[] {0, 1, 16_384, 40_001}) { // empty, one, exactly one block, across three blocks
      float[] values = values(length);
      ByteArrayOutputStream perValue = new ByteArrayOutputStream();
      DataOutputStream old = new DataOutputStream(perValue);
      for (float v : values) {
        old.writeInt(Float.floatToRawIntBits(v));
      }
      ByteArrayOutputStream blocks = new ByteArrayOutputStream();
      FloatBlocks.write(new DataOutputStream(blocks), values);
      assertArrayEquals(perValue.toByteArray(), blocks.toByteArray(), length + " floats");

      float[] read = new float[length];
      FloatBlocks.read(new DataInputStream(new ByteArrayInputStream(perValue.toByteArray())), read);
      for (int i = 0; i < length; i++) {
        assertEquals(Float.floatToRawIntBits(values[i]), Float.floatToRawIntBits(read[i]), "float " + i);
      }
    }
  }

  @Test
  void aTruncatedFileIsAnErrorNotZeros() {
    byte[] short3 = new byte[3 * Float.BYTES];
    float[] into = new float[4];
    DataInputStream in = new DataInputStream(new ByteArrayInputStream(short3));
    assertThrows(EOFException.class, () -> FloatBlocks.read(in, into));
  }

  /** Random bits, with NaNs of two payloads, infinities, signed zeros and a subnormal among them. */
  private static float[] values(int length) {
    SplittableRandom random = new SplittableRandom(length);
    float[] values = new float[length];
    for (int i = 0; i < length; i++) {
      values[i] = Float.intBitsToFloat(random.nextInt());
    }
    float[] special = {Float.intBitsToFloat(0x7fc00001), Float.intBitsToFloat(0xffa00000),
        Float.POSITIVE_INFINITY, Float.NEGATIVE_INFINITY, -0f, 0f, Float.MIN_VALUE};
    System.arraycopy(special, 0, values, 0, Math.min(length, special.length));
    return values;
  }
}
