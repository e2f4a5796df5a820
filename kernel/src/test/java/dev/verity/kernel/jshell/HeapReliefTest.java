package dev.verity.kernel.jshell;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/**
 * Which variables the kernel lets go of after a cell ran out of heap, on a heap whose contents are known (the real
 * heap, filled by a cell, is JavaHeapTest's).
 */
class HeapReliefTest {
  /** Variables, oldest first, with the share of the heap each holds, and the kernel's own use on top. */
  private static final class Notebook implements HeapRelief.Variables {
    final Map<String, Double> held = new LinkedHashMap<>();
    final List<String> cleared = new ArrayList<>();
    double kernel = 0.05;

    @Override
    public List<String> newestFirst() {
      List<String> names = new ArrayList<>(held.keySet());
      Collections.reverse(names);
      return names;
    }

    @Override
    public void clear(String name) {
      held.put(name, 0.0);
      cleared.add(name);
    }

    double share() {
      return kernel + held.values().stream().mapToDouble(Double::doubleValue).sum();
    }
  }

  @Test
  void theNewestVariablesGoUntilTheHeapIsNoLongerFull() {
    Notebook notebook = new Notebook();
    notebook.held.put("table", 0.30);
    notebook.held.put("held", 0.60);
    notebook.held.put("small", 0.01);
    HeapRelief.Outcome outcome = HeapRelief.relieve(notebook, notebook::share);
    assertEquals(List.of("small", "held"), notebook.cleared, "newest first, and no further than needed");
    assertEquals(0.35, outcome.share(), 1e-9);
    assertEquals("The Java heap was still full after the error, held by the notebook's variables, so small, held were"
        + " set to null to keep the kernel working (the heap is 35% full now).", outcome.note());
  }

  @Test
  void aHeapWithRoomLeftKeepsEveryVariable() {
    Notebook notebook = new Notebook();
    notebook.held.put("table", 0.50); // the cell asked for more than was left, but what is kept is not the cause
    HeapRelief.Outcome outcome = HeapRelief.relieve(notebook, notebook::share);
    assertTrue(notebook.cleared.isEmpty());
    assertEquals("", outcome.note());
  }

  @Test
  void aHeapFullOfWhatNoVariableHoldsIsSaid() {
    Notebook notebook = new Notebook();
    notebook.kernel = 0.9;
    HeapRelief.Outcome outcome = HeapRelief.relieve(notebook, notebook::share);
    assertEquals("The Java heap is still 90% full: set the variables that hold it to null, or restart the kernel.",
        outcome.note());
  }
}
