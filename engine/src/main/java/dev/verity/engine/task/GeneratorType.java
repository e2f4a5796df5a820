package dev.verity.engine.task;

import dev.verity.engine.catalog.Args;
import dev.verity.engine.catalog.Param;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.function.Function;

/**
 * A problem generator's definition: its difficulty knob (a range parameter whose bound is the knob's limits)
 * first, then its other parameters, and the factory that builds the task from checked arguments.
 */
public record GeneratorType(String name, String doc, Param knobParam, List<Param> others, Function<Args, Task> factory)
    implements TaskType {

  public GeneratorType {
    others = List.copyOf(others);
  }

  @Override
  public List<Param> params() {
    List<Param> all = new ArrayList<>();
    all.add(knobParam);
    all.addAll(others);
    return all;
  }

  /** The levels this task can generate at all. */
  public LevelRange limits() {
    return Knob.limitsOf(knobParam);
  }

  @Override
  public Optional<Knob> knob(Args args) {
    return Optional.of(new Knob(knobParam.name(), args.range(knobParam.name()), limits()));
  }

  @Override
  public Task create(Args args) {
    return factory.apply(args);
  }
}
