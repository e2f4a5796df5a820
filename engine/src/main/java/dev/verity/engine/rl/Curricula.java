package dev.verity.engine.rl;

import dev.verity.engine.catalog.Args;
import dev.verity.engine.catalog.Definition;
import dev.verity.engine.catalog.Param;
import dev.verity.engine.catalog.ParamType;
import dev.verity.engine.task.LevelRange;
import java.util.List;
import java.util.Optional;

/**
 * The curriculum shapes, each defined once: the schedule shapes that can move a range of levels — each moves
 * both ends by the schedule's progress from 0 to 1 — and {@code constant}; {@code step} is absent, as a factor
 * means nothing for a range. Their first parameter, {@value #LEVELS}, is named after the stage task's knob where
 * the experiment writes it; the factory's arguments carry that name as {@value #KNOB}.
 */
public final class Curricula {
  private Curricula() {}

  /** The parameter holding the range or its change. */
  public static final String LEVELS = "levels";

  /** The argument a factory reads the knob's name from. */
  public static final String KNOB = "knob";

  private static final Param MOVE = Param.of(LEVELS, ParamType.RANGE_CHANGE).unnamed()
      .doc("from -> to; may be named after the task's knob, e.g. digits: 2..3 -> 2..6");

  public static final Definition<Curriculum> CONSTANT = Definition.of("constant",
      "Holds the task's difficulty range at a..b for the whole stage.",
      List.of(Param.range(LEVELS).unnamed().doc("the range; may be named after the task's knob, e.g. digits: 2..4")),
      a -> Curriculum.constant(knob(a), a.range(LEVELS)));

  public static final Definition<Curriculum> LINEAR = Definition.of("linear",
      "Moves the task's difficulty range from a..b to c..d linearly over the steps, then holds it.",
      List.of(MOVE, Param.whole("over").atLeast(0).byDefault(0).doc("steps; 0 stretches over the whole stage")),
      a -> Curriculum.linear(knob(a), from(a), to(a), a.whole("over")));

  public static final Definition<Curriculum> COSINE = Definition.of("cosine",
      "Holds a..b for the warmup, then moves to c..d along half a cosine (slow, fast, slow), reaching it at the"
          + " end of the stage.",
      List.of(MOVE, Param.whole("warmup").atLeast(0).byDefault(0).doc("steps that hold a..b before it moves")),
      a -> Curriculum.cosine(knob(a), from(a), to(a), a.whole("warmup")));

  public static final Definition<Curriculum> RAMP = Definition.of("ramp",
      "Holds a..b until start, moves linearly to c..d over the steps, then holds it.",
      List.of(MOVE, Param.whole("over").atLeast(1).doc("steps of the move"),
          Param.whole("start").atLeast(0).byDefault(0).doc("step at which the move begins")),
      a -> Curriculum.ramp(knob(a), from(a), to(a), a.whole("over"), a.whole("start")));

  /** Every curriculum shape, in the order the reference lists them. */
  public static final List<Definition<Curriculum>> BUILT_IN = List.of(CONSTANT, LINEAR, COSINE, RAMP);

  public static Optional<Definition<Curriculum>> find(String name) {
    return BUILT_IN.stream().filter(d -> d.name().equals(name)).findFirst();
  }

  /** The ranges a curriculum made from {@code args} moves between (one for {@code constant}). */
  public static LevelRange[] ends(Args args) {
    Object levels = args.values().get(LEVELS);
    return levels instanceof LevelRange r ? new LevelRange[] {r} : new LevelRange[] {from(args), to(args)};
  }

  private static String knob(Args a) {
    return a.values().containsKey(KNOB) ? a.text(KNOB) : LEVELS;
  }

  private static LevelRange from(Args a) {
    return a.levelChange(LEVELS).from();
  }

  private static LevelRange to(Args a) {
    return a.levelChange(LEVELS).to();
  }
}
