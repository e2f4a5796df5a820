package dev.verity.engine.task;

import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.Arrays;
import java.util.Locale;

/**
 * Which part of a {@code jsonl} file a task uses: all of it, or a train or test part holding out a share of the
 * problems. A problem's part follows from a hash of its prompt alone, so the parts never share a prompt, do not
 * depend on the seed or the line order, and a problem keeps its part when lines are added.
 *
 * @param heldOut the share of problems in the test part, between 0 and 1
 */
public record JsonlSplit(Part part, double heldOut) {
  /** The whole file. */
  public static final JsonlSplit ALL = new JsonlSplit(Part.ALL, 0.2);

  public enum Part {
    ALL, TRAIN, TEST;

    public String id() {
      return name().toLowerCase(Locale.ROOT);
    }

    public static Part of(String id) {
      return Arrays.stream(values()).filter(p -> p.id().equals(id)).findFirst()
          .orElseThrow(() -> new IllegalArgumentException("no split '" + id + "'"));
    }
  }

  public JsonlSplit {
    if (!(heldOut > 0 && heldOut < 1)) {
      throw new IllegalArgumentException("held_out must lie strictly between 0 and 1, got " + heldOut);
    }
  }

  /** Whether a problem with this prompt belongs to the part. */
  public boolean holds(String prompt) {
    return part == Part.ALL || isTest(prompt) == (part == Part.TEST);
  }

  /** The prompt's SHA-256 read as a fraction in [0, 1): below {@code heldOut} is the test part. */
  private boolean isTest(String prompt) {
    try {
      byte[] digest = MessageDigest.getInstance("SHA-256").digest(prompt.getBytes(StandardCharsets.UTF_8));
      long top53 = ByteBuffer.wrap(digest).getLong() >>> 11; // 53 bits: exact as a double
      return top53 / (double) (1L << 53) < heldOut;
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException("every Java runtime has SHA-256", e);
    }
  }
}
