package dev.verity.dsl.check;

import dev.verity.dsl.ast.Expr;
import dev.verity.dsl.ast.Name;
import dev.verity.dsl.builtin.Builtin;
import dev.verity.dsl.builtin.Builtins;
import dev.verity.dsl.builtin.Kind;
import dev.verity.dsl.builtin.Setting;
import dev.verity.engine.catalog.Args;
import dev.verity.engine.catalog.Definition;
import dev.verity.engine.rl.Curricula;
import dev.verity.engine.rl.Curriculum;
import dev.verity.engine.task.Knob;
import dev.verity.engine.task.LevelRange;
import dev.verity.engine.task.TaskSpec;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * A stage's curriculum, checked against the stage's task: {@code cosine(digits: 2..3 -> 2..6, warmup: 10)}.
 *
 * <p>The levels argument is named after the task's knob, which only the task knows; so each shape's table entry
 * is matched with its {@code levels} parameter renamed to the knob, and messages name what the user wrote.
 */
final class CurriculumChecker {
  private static final String LEVELS = Curricula.LEVELS;

  private final Context ctx;

  CurriculumChecker(Context ctx) {
    this.ctx = ctx;
  }

  /** The curriculum {@code e} describes over {@code task}'s knob; empty after reporting what is wrong. */
  Optional<Curriculum> check(Expr e, String taskName, TaskSpec task) {
    Optional<Builtin> shape = shape(e);
    if (shape.isEmpty()) {
      return Optional.empty();
    }
    Optional<Knob> knob = task.knob();
    if (knob.isEmpty()) {
      ctx.error(e.span(), "task '" + taskName + "' has no difficulty knob for a curriculum: give its jsonl a"
          + " level field, e.g. jsonl(…, level: \"level\")");
      return Optional.empty();
    }
    String name = shape.get().name();
    String knobName = knob.get().name();
    if (!(e instanceof Expr.Call call)) {
      ctx.error(e.span(), "say how the levels move: " + example(name, knobName));
      return Optional.empty();
    }
    Builtin named = renamed(shape.get(), knobName);
    int errors = ctx.reporter.count();
    List<Expr.Arg> args = call.args().stream().map(arg -> argument(arg, named, taskName)).toList();
    if (!levelsHaveTheirForm(named, args, knobName)) {
      return Optional.empty();
    }
    Optional<Checked> checked = ctx.values.call(named, new Expr.Call(call.callee(), args, call.span()));
    if (checked.isEmpty() || ctx.reporter.count() != errors) {
      return Optional.empty();
    }
    // the shape's definition reads its levels under their own name, and the knob's name beside them
    Map<String, Object> values = new HashMap<>(checked.get().values());
    values.put(LEVELS, values.remove(knobName));
    values.put(Curricula.KNOB, knobName);
    Args shapeArgs = new Args(values);
    LevelRange limits = knob.get().limits();
    for (LevelRange end : Curricula.ends(shapeArgs)) {
      if (!end.within(limits)) {
        ctx.error(checked.get().span(knobName), "'" + knobName + "' of task '" + taskName + "' must lie within "
            + limits + ", got " + end);
        return Optional.empty();
      }
    }
    @SuppressWarnings("unchecked")
    Definition<Curriculum> definition = (Definition<Curriculum>) shape.get().requireDefinition();
    return Optional.of(definition.create(shapeArgs));
  }

  /** The curriculum shape named; a schedule that cannot move a range ({@code step}) is told apart from a typo. */
  private Optional<Builtin> shape(Expr e) {
    Optional<Name> written = e instanceof Expr.Call c ? Optional.of(c.callee())
        : e instanceof Expr.Ref r ? Optional.of(new Name(r.name(), r.span())) : Optional.empty();
    if (written.isPresent() && Builtins.find(written.get().text(), Kind.CURRICULUM).isEmpty()
        && Builtins.find(written.get().text(), Kind.SCHEDULE).isPresent()) {
      ctx.error(written.get().span(), "'" + written.get().text() + "' multiplies a value by a factor, which has"
          + " no meaning for a range of levels: a curriculum is one of "
          + String.join(", ", Builtins.namesOf(Kind.CURRICULUM)));
      return Optional.empty();
    }
    return ctx.specs.builtin(e, Kind.CURRICULUM, "a curriculum such as linear(digits: 2..3 -> 2..6)");
  }

  /** The shape's entry with {@code levels} named after the knob, and its usage showing the knob. */
  private static Builtin renamed(Builtin shape, String knob) {
    List<Setting> params = shape.params().stream().map(p -> !p.name().equals(LEVELS) ? p
        : new Setting(knob, p.type(), p.defaultSource(), p.positional(), p.bound(), p.choices(), p.doc())).toList();
    return new Builtin(shape.name(), shape.kind(), params, shape.doc(), shape.usage().replace("KNOB", knob),
        shape.definition());
  }

  /**
   * An argument as the renamed entry reads it: {@code levels:} is the knob; a range under another name is most
   * likely another task's knob, so say which knob this task has. Anything else is left for the argument matcher
   * to report as unknown, with a did-you-mean among the shape's parameters.
   */
  private Expr.Arg argument(Expr.Arg arg, Builtin shape, String taskName) {
    if (arg.name().isEmpty() || shape.param(arg.name().get().text()).isPresent()) {
      return arg;
    }
    Name name = arg.name().get();
    String knob = shape.params().get(0).name();
    boolean looksLikeLevels = arg.value() instanceof Expr.Arrow || arg.value() instanceof Expr.Range;
    if (!name.text().equals(LEVELS) && !looksLikeLevels) {
      return arg;
    }
    if (!name.text().equals(LEVELS)) {
      ctx.error(name.span(), "task '" + taskName + "' moves '" + knob + "', not '" + name.text() + "': write "
          + shape.name() + "(" + knob + ": …)");
    }
    return new Expr.Arg(Optional.of(new Name(knob, name.span())), arg.value(), arg.span());
  }

  /**
   * A moving shape needs a change of range and {@code constant} one range: writing the other is a mix-up of
   * shapes more than of syntax, so name the shape that takes what was written.
   */
  private boolean levelsHaveTheirForm(Builtin shape, List<Expr.Arg> args, String knob) {
    Optional<Expr> levels = args.stream()
        .filter(a -> a.name().map(n -> n.text().equals(knob)).orElse(true)).findFirst().map(Expr.Arg::value);
    if (levels.isEmpty()) {
      return true; // missing: the argument matcher says so
    }
    boolean constant = shape.name().equals("constant");
    boolean arrow = levels.get() instanceof Expr.Arrow;
    boolean range = levels.get() instanceof Expr.Range || levels.get() instanceof Expr.Num;
    if (!constant && range) {
      ctx.error(levels.get().span(), shape.name() + " moves a range: write " + example(shape.name(), knob)
          + ", or " + example("constant", knob) + " to hold one");
      return false;
    }
    if (constant && arrow) {
      ctx.error(levels.get().span(), "constant holds one range: write " + example("constant", knob)
          + ", or a shape that moves it, e.g. " + example("linear", knob));
      return false;
    }
    return true;
  }

  private static String example(String shape, String knob) {
    return switch (shape) {
      case "constant" -> "constant(" + knob + ": 2..3)";
      case "cosine" -> "cosine(" + knob + ": 2..3 -> 2..6, warmup: 20)";
      case "ramp" -> "ramp(" + knob + ": 2..3 -> 2..6, over: 200, start: 50)";
      case "linear" -> "linear(" + knob + ": 2..3 -> 2..6, over: 200)";
      default -> throw new IllegalArgumentException("no example of the curriculum shape " + shape);
    };
  }
}
