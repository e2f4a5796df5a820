package dev.verity.dsl.check;

import dev.verity.dsl.ast.Expr;
import dev.verity.dsl.ast.Name;
import dev.verity.dsl.ast.Span;
import dev.verity.dsl.builtin.Builtin;
import dev.verity.dsl.builtin.Builtins;
import dev.verity.dsl.builtin.Kind;
import dev.verity.engine.catalog.Definition;
import dev.verity.engine.task.Task;
import dev.verity.engine.task.TaskSpec;
import dev.verity.engine.task.TraceStyle;
import dev.verity.engine.user.JavaClasses;
import dev.verity.engine.user.UserCode;
import dev.verity.engine.user.UserCodeFailure;
import dev.verity.engine.user.UserCodeOverrun;
import dev.verity.engine.user.UserDefinitions;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.function.Function;
import java.util.function.Supplier;

/**
 * {@code java("Palindromes", level: 1..4)} and {@code java("PartialCredit")}: a task or a reward term from a
 * user's class. The class is found ({@link JavaClasses}) and checked to be a task or a reward term with a
 * definition when the cell is checked; what follows its name is then checked against that definition's parameters
 * like a built-in's arguments.
 *
 * <p>User code the checker calls — the class's initialiser and constructor, its factory, what its task says of
 * itself — runs within {@link UserCode}'s limit; one that runs past it is reported at the class's name instead of
 * hanging the check.
 */
final class JavaCalls {
  /** The callee that names a class. */
  static final String CALLEE = "java";

  private final Context ctx;

  JavaCalls(Context ctx) {
    this.ctx = ctx;
  }

  /**
   * The class's entry, and the call without the class name: its arguments for that entry.
   *
   * @param name where the class is named, which errors of its code are reported at
   */
  record Resolved(Builtin builtin, Expr.Call rest, Span name) {}

  static boolean is(Expr e) {
    return e instanceof Expr.Call c && c.callee().text().equals(CALLEE);
  }

  /** {@code java("Palindromes", …)} as a task: a class implementing Task with its TaskType, or a TaskType. */
  Optional<Resolved> task(Expr.Call call) {
    return resolve(call, Kind.TASK, "java(\"Palindromes\", level: 1..4)", UserDefinitions::taskType);
  }

  /** {@code java("PartialCredit")} as a reward term: a class implementing RewardFunction. */
  Optional<Resolved> reward(Expr.Call call) {
    return resolve(call, Kind.REWARD_TERM, "java(\"PartialCredit\")", UserDefinitions::rewardTerm);
  }

  private Optional<Resolved> resolve(Expr.Call call, Kind kind, String example,
      Function<Class<?>, Definition<?>> definition) {
    if (call.args().isEmpty() || call.args().get(0).name().isPresent()
        || !(call.args().get(0).value() instanceof Expr.Str named)) {
      ctx.error(call.args().isEmpty() ? call.span() : call.args().get(0).span(),
          "java(…) names its class first, as a string: " + example);
      return Optional.empty();
    }
    String name = named.value();
    if (!JavaClasses.CLASS_NAME.matcher(name).matches()) {
      ctx.error(named.span(), "'" + name + "' is not a Java class name: write the class's name, with its package"
          + " when it has one, e.g. " + example.replace("\"Palindromes\"", "\"org.example.Palindromes\""));
      return Optional.empty();
    }
    Optional<Class<?>> found = JavaClasses.find(name);
    Optional<List<String>> unresolved = found.isEmpty() ? JavaClasses.unresolved(name) : Optional.empty();
    if (unresolved.isPresent()) {
      ctx.error(named.span(), unusable(name, unresolved.get(), kind));
      return Optional.empty();
    }
    if (found.isEmpty()) {
      ctx.error(named.span(), "no Java class '" + name + "' (" + JavaClasses.missing(name) + "): check its name and"
          + " package, and that its jar or Java cell is given");
      return Optional.empty();
    }
    Definition<?> made;
    try {
      made = definition.apply(found.get());
    } catch (UserCodeOverrun slow) {
      ctx.error(named.span(), slow.whenChecked());
      return Optional.empty();
    } catch (IllegalArgumentException refused) {
      ctx.error(named.span(), refused.getMessage());
      return Optional.empty();
    } catch (RuntimeException | LinkageError broken) { // the user's static initialiser, a missing dependency
      ctx.error(named.span(), "class " + name + " cannot be used: " + broken);
      return Optional.empty();
    }
    Builtin entry = Builtins.ofUserClass(made, kind, name);
    Expr.Call rest = new Expr.Call(new Name(entry.name(), call.callee().span()),
        call.args().subList(1, call.args().size()), call.span());
    return Optional.of(new Resolved(entry, rest, named.span()));
  }

  /**
   * The error for a class that is declared but cannot be made because it refers to what is not declared: for a
   * task that lacks its {@code TYPE}, what to add.
   */
  static String unusable(String name, List<String> missing, Kind kind) {
    String message = "class " + name + " is declared but cannot be used: it refers to "
        + String.join(", ", missing) + ", which " + (missing.size() == 1 ? "is" : "are") + " not declared";
    if (kind == Kind.TASK && missing.contains("variable " + UserDefinitions.TYPE_FIELD)) {
      return message + "; a task written in Java declares its definition in it: add public static final TaskType "
          + UserDefinitions.TYPE_FIELD + " = new GeneratorType(…) to " + name + ", as the built-in tasks do"
          + " (AdditionTask.TYPE)";
    }
    return message + ": declare " + (missing.size() == 1 ? "it" : "them") + ", or correct the name";
  }

  /**
   * What {@code build} makes of the class's arguments (its factory runs), empty with the error at the class's name
   * when its code runs past the limit.
   */
  <T> Optional<T> made(Resolved java, Supplier<Optional<T>> build) {
    try {
      return build.get();
    } catch (UserCodeOverrun slow) {
      ctx.error(java.name(), slow.whenChecked());
      return Optional.empty();
    }
  }

  /**
   * Asks a task of a Java class, once, what the checker and a run's start ask of it (knob, levels, alphabet,
   * distinct prompts, lengths, trace styles), so that a method that never returns is reported at the class's name:
   * asked later, from a stage's checks, it would have no place to be reported at. A method that throws is reported
   * here too ({@code Reverse.alphabet threw …}), once, and the task is left undeclared, so that the statements using
   * it do not each fail on it.
   */
  Optional<TaskSpec> asked(Resolved java, TaskSpec spec) {
    Optional<Task> task = ctx.data.task(spec);
    if (task.isEmpty()) {
      return Optional.of(spec);
    }
    Task t = task.get();
    List<Runnable> asks = new ArrayList<>(List.of(t::knobName, t::knobLimits, t::alphabet, t::distinctPrompts,
        t::steps, () -> t.longestPrompt(t.levels())));
    for (TraceStyle style : TraceStyle.values()) {
      asks.add(() -> {
        if (t.lacks(style).isEmpty()) {
          t.longestExample(t.levels(), style);
        }
      });
    }
    for (Runnable ask : asks) {
      try {
        ask.run();
      } catch (UserCodeOverrun slow) {
        ctx.error(java.name(), slow.whenChecked());
        return Optional.empty();
      } catch (UserCodeFailure thrown) {
        ctx.error(java.name(), thrown.getMessage());
        return Optional.empty();
      } catch (RuntimeException thrown) {
        // left to the check that needs it
      }
    }
    return Optional.of(spec);
  }
}
