package dev.verity.kernel.jshell;

import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.function.DoubleSupplier;

/**
 * What the kernel does after a Java cell ran out of heap. A cell like {@code var held = new ArrayList<long[]>();
 * while (true) held.add(new long[1_000_000]);} fails with an OutOfMemoryError but leaves {@code held} defined and
 * the heap full; the kernel's own threads, ZeroMQ's among them, then fail at their next allocation, and the kernel
 * stays alive but never answers again. So when the heap, once collected, is still more than {@link #FULL} of its
 * maximum, the cells' variables hold it: they are set to null, newest first, until it is not.
 */
final class HeapRelief {
  /** The share of the maximum heap, collected, above which the kernel's own work is at risk. */
  static final double FULL = 0.75;

  /** The notebook's variables that may hold heap, and the way to let go of one. */
  interface Variables {
    /** Names of the cells' reference variables, the most recently declared first. */
    List<String> newestFirst();

    /** Sets the variable {@code name} to null. */
    void clear(String name);
  }

  /** What was done: the variables set to null, and the heap's collected share afterwards. */
  record Outcome(List<String> cleared, double share) {
    /** A line for the cell's error, saying what happened to the user's variables; empty when nothing was done. */
    String note() {
      String full = Math.round(100 * share) + "%";
      if (cleared.isEmpty()) {
        return share > FULL
            ? "The Java heap is still " + full + " full: set the variables that hold it to null, or restart the kernel."
            : "";
      }
      return "The Java heap was still full after the error, held by the notebook's variables, so "
          + String.join(", ", cleared) + (cleared.size() == 1 ? " was" : " were")
          + " set to null to keep the kernel working (the heap is " + full + " full now).";
    }
  }

  private HeapRelief() {}

  /** Clears {@code variables}, newest first, while {@code collectedShare} is above {@link #FULL}. */
  static Outcome relieve(Variables variables, DoubleSupplier collectedShare) {
    List<String> cleared = new ArrayList<>();
    double share = collectedShare.getAsDouble();
    Iterator<String> names = variables.newestFirst().iterator();
    while (share > FULL && names.hasNext()) {
      String name = names.next();
      variables.clear(name);
      cleared.add(name);
      share = collectedShare.getAsDouble();
    }
    return new Outcome(cleared, share);
  }

  /** The share of the maximum heap in use after a full collection. */
  static double collectedShare() {
    System.gc(); // a full collection with G1, so what is left is what something holds
    Runtime runtime = Runtime.getRuntime();
    return (double) (runtime.totalMemory() - runtime.freeMemory()) / runtime.maxMemory();
  }
}
