package dev.verity.dsl.plan;

import java.util.List;

/** A checked cell: the steps to run in order, each with everything the executor needs and its source span. */
public record Plan(List<Action> steps) {
  public Plan {
    steps = List.copyOf(steps);
  }
}
