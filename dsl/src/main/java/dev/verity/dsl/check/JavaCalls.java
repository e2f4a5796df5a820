package dev.verity.dsl.check;

import dev.verity.dsl.ast.Expr;
import dev.verity.dsl.ast.Name;
import dev.verity.dsl.builtin.Builtin;
import dev.verity.dsl.builtin.Builtins;
import dev.verity.dsl.builtin.Kind;
import dev.verity.engine.catalog.Definition;
import dev.verity.engine.user.JavaClasses;
import dev.verity.engine.user.UserDefinitions;
import java.util.Optional;
import java.util.function.Function;

/**
 * {@code java("Palindromes", level: 1..4)} and {@code java("PartialCredit")}: a task or a reward term from a
 * user's class. The class is found ({@link JavaClasses}) and checked to be a task or a reward term with a
 * definition when the cell is checked; what follows its name is then checked against that definition's parameters
 * like a built-in's arguments.
 */
final class JavaCalls {
  /** The callee that names a class. */
  static final String CALLEE = "java";

  private final Context ctx;

  JavaCalls(Context ctx) {
    this.ctx = ctx;
  }

  /** The class's entry, and the call without the class name: its arguments for that entry. */
  record Resolved(Builtin builtin, Expr.Call rest) {}

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
    if (found.isEmpty()) {
      ctx.error(named.span(), "no Java class '" + name + "' (" + JavaClasses.searched() + "): check its name and"
          + " package, and that its jar or Java cell is given");
      return Optional.empty();
    }
    Definition<?> made;
    try {
      made = definition.apply(found.get());
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
    return Optional.of(new Resolved(entry, rest));
  }
}
