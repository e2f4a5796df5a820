package dev.verity.engine.optim;

import dev.verity.engine.catalog.Args;
import dev.verity.engine.catalog.Bound;
import dev.verity.engine.catalog.Definition;
import dev.verity.engine.catalog.Param;
import dev.verity.engine.catalog.ParamType.Change;
import dev.verity.engine.catalog.ParamType;
import java.util.List;
import java.util.Optional;

/** The built-in schedules, each defined once: name, parameters, documentation, factory. */
public final class Schedules {
  private Schedules() {}

  /** {@code from -> to}: the change every moving schedule takes first. */
  private static final Param CHANGE = Param.of("change", ParamType.NUMBER_CHANGE).unnamed().doc("from -> to");

  public static final Definition<Schedule> CONSTANT = Definition.of("constant", "The same value at every step.",
      List.of(Param.number("value").unnamed()), a -> new Schedule.Constant(a.number("value")));

  public static final Definition<Schedule> LINEAR = Definition.of("linear",
      "From a to b linearly over the steps, then held.",
      List.of(CHANGE, Param.whole("over").atLeast(0).byDefault(0).doc("steps; 0 stretches over the whole stage")),
      a -> new Schedule.Linear(a.change("change").from(), a.change("change").to(), a.whole("over")));

  public static final Definition<Schedule> COSINE = Definition.of("cosine",
      "Linear warmup, then half a cosine from a down to b at the end of the stage.",
      List.of(CHANGE, Param.whole("warmup").atLeast(0).byDefault(0).doc("steps of linear warmup from 0")),
      a -> new Schedule.Cosine(a.change("change").from(), a.change("change").to(), a.whole("warmup")));

  public static final Definition<Schedule> RAMP = Definition.of("ramp",
      "Holds a until start, rises linearly to b over the steps, then holds.",
      List.of(CHANGE, Param.whole("over").atLeast(1).doc("steps of the rise"),
          Param.whole("start").atLeast(0).byDefault(0).doc("step at which the rise begins")),
      a -> new Schedule.Ramp(a.change("change").from(), a.change("change").to(), a.whole("over"), a.whole("start")));

  public static final Definition<Schedule> STEP = Definition.of("step",
      "The value, multiplied by factor every so many steps.",
      List.of(Param.number("value").unnamed().doc("the starting value"),
          Param.whole("every").atLeast(1).doc("steps between changes"),
          Param.number("factor").bounded(Bound.above(0)).doc("multiplier at each change")),
      a -> new Schedule.Step(a.number("value"), a.whole("every"), a.number("factor")));

  /** Every built-in schedule, in the order the reference lists them. */
  public static final List<Definition<Schedule>> BUILT_IN = List.of(CONSTANT, LINEAR, COSINE, RAMP, STEP);

  public static Optional<Definition<Schedule>> find(String name) {
    return BUILT_IN.stream().filter(d -> d.name().equals(name)).findFirst();
  }

  /** The values a schedule made from {@code args} moves between: its change, or its one value. */
  public static double[] ends(Definition<Schedule> schedule, Args args) {
    if (schedule.param("change").isPresent()) {
      Change c = args.change("change");
      return new double[] {c.from(), c.to()};
    }
    return new double[] {args.number("value")};
  }
}
