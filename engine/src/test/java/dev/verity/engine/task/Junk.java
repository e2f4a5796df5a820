package dev.verity.engine.task;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.SplittableRandom;

/** Responses no verifier should accept, nor choke on. */
final class Junk {
  private Junk() {}

  static List<String> responses() {
    List<String> junk = new ArrayList<>(Arrays.asList(
        null, "", " ", ">", ">>>", "|", "=", "abc", "\u0000", "\uD800", "\uDC00x\uD800", ">\uD83D",
        "５１７８", "٥١٧٨", "\u2212\u00d7\u00f7", "((((", "))))", "()", "1e3", "-0", "+", "NaN", "null"));
    junk.add("(".repeat(100_000) + "1" + ")".repeat(100_000));
    junk.add(">" + "(".repeat(5_000) + "1");
    junk.add("9".repeat(1_000_000));
    junk.add("1+".repeat(300_000) + "1");
    StringBuilder noise = new StringBuilder();
    SplittableRandom random = new SplittableRandom(1);
    for (int i = 0; i < 1 << 20; i++) {
      noise.append((char) random.nextInt(Character.MAX_VALUE + 1)); // includes unpaired surrogates
    }
    junk.add(noise.toString());
    return junk;
  }
}
