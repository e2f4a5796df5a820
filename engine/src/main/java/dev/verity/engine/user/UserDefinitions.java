package dev.verity.engine.user;

import dev.verity.engine.catalog.Args;
import dev.verity.engine.catalog.ArgumentException;
import dev.verity.engine.catalog.Definition;
import dev.verity.engine.reward.RewardExpr;
import dev.verity.engine.task.Task;
import dev.verity.engine.task.TaskType;
import java.lang.reflect.Constructor;
import java.lang.reflect.Field;
import java.lang.reflect.InvocationTargetException;
import java.lang.reflect.Modifier;
import java.util.Arrays;
import java.util.Optional;

/**
 * A user's class as the definition of a task or a reward term, as the built-ins have theirs: the checks a front
 * end needs before anything runs (the interface, a definition to read the parameters from, a way to make it),
 * each refusal an {@link IllegalArgumentException} whose message says what to write.
 */
public final class UserDefinitions {
  private UserDefinitions() {}

  /** The field a class declares its definition in, as the built-ins do ({@code AdditionTask.TYPE}). */
  public static final String TYPE_FIELD = "TYPE";

  /**
   * The task type of {@code c}: a {@link TaskType} made with its no-argument constructor, or a {@link Task}
   * with its definition in {@code public static final TaskType TYPE}; its tasks' verifiers guarded by a fresh
   * {@link UserCode}, which also limits making it (static initialiser, constructor, {@code TYPE}): one that runs
   * past the limit throws {@link UserCodeOverrun}.
   */
  public static UserTaskType taskType(Class<?> c) {
    String name = c.getSimpleName();
    UserCode guard = new UserCode(name);
    boolean made = TaskType.class.isAssignableFrom(c);
    TaskType type = guard.require(made ? "new " + name + "()" : name + "." + TYPE_FIELD, () -> {
      if (made) {
        return (TaskType) instance(c);
      } else if (Task.class.isAssignableFrom(c)) {
        return typeField(c, TaskType.class).orElseThrow(() -> new IllegalArgumentException("class " + name
            + " implements Task but declares no definition: add public static final TaskType TYPE = new"
            + " GeneratorType(…), as the built-in tasks do (AdditionTask.TYPE)"));
      }
      throw new IllegalArgumentException("class " + name + " is not a task: it implements neither "
          + Task.class.getName() + " nor " + TaskType.class.getName());
    });
    return new UserTaskType(type, name, guard);
  }

  /**
   * The reward term {@code c} makes, as a definition the checker matches arguments against: its
   * {@code public static final Definition<RewardFunction> TYPE} when it declares one, else no parameters and its
   * no-argument constructor. Each term made is guarded by a fresh {@link UserCode}, which also limits making the
   * class and the term: one that runs past the limit throws {@link UserCodeOverrun}.
   */
  public static Definition<RewardExpr> rewardTerm(Class<?> c) {
    String name = c.getSimpleName();
    if (!RewardFunction.class.isAssignableFrom(c)) {
      throw new IllegalArgumentException("class " + name + " is not a reward term: implement "
          + RewardFunction.class.getName() + " (double score(Rollout rollout))");
    }
    boolean declares = Arrays.stream(c.getFields()).anyMatch(f -> f.getName().equals(TYPE_FIELD));
    String making = declares ? name + "." + TYPE_FIELD : "new " + name + "()";
    @SuppressWarnings("unchecked")
    Optional<Definition<?>> declared = new UserCode(name).require(making, () -> {
      Optional<Definition<?>> d = typeField(c, Definition.class).map(x -> (Definition<?>) x);
      if (d.isEmpty()) {
        instance(c); // fails now, at check time, when there is no no-argument constructor
      }
      return d;
    });
    if (declared.isEmpty()) {
      return Definition.of(name, "A reward term written in Java: " + c.getName() + ".", java.util.List.of(),
          args -> term(name, "new " + name + "()", () -> (RewardFunction) instance(c)));
    }
    Definition<?> d = declared.get();
    return Definition.of(name, d.doc(), d.params(), args -> term(name, name + "'s factory",
        () -> made(d, args, name)));
  }

  /** A term made by {@code make}, within the limit of the guard its calls will have. */
  private static UserRewardTerm term(String name, String making, java.util.concurrent.Callable<RewardFunction> make) {
    UserCode guard = new UserCode(name);
    return new UserRewardTerm(name, guard.require(making, make), guard);
  }

  private static RewardFunction made(Definition<?> d, Args args, String name) {
    Object made;
    try {
      made = d.create(args);
    } catch (ArgumentException e) {
      throw e;
    } catch (RuntimeException e) {
      throw new ArgumentException("", name + "'s factory failed: " + e);
    }
    if (!(made instanceof RewardFunction f)) {
      throw new ArgumentException("", name + "." + TYPE_FIELD + " made " + (made == null ? "null"
          : "a " + made.getClass().getSimpleName()) + ", not a RewardFunction: make its factory return the term");
    }
    return f;
  }

  /** The value of {@code c}'s public static field {@code TYPE} when it is a {@code kind}. */
  private static <T> Optional<T> typeField(Class<?> c, Class<T> kind) {
    Field field;
    try {
      field = c.getField(TYPE_FIELD);
    } catch (NoSuchFieldException none) {
      return Optional.empty();
    }
    if (!Modifier.isStatic(field.getModifiers()) || !kind.isAssignableFrom(field.getType())) {
      throw new IllegalArgumentException(c.getSimpleName() + "." + TYPE_FIELD + " must be a public static "
          + kind.getSimpleName() + ", but it is " + (Modifier.isStatic(field.getModifiers()) ? "a " : "an instance ")
          + field.getType().getSimpleName());
    }
    field.trySetAccessible(); // a class declared in a Java cell is nested in JShell's wrapper: not public itself
    try {
      Object value = field.get(null);
      if (value == null) {
        throw new IllegalArgumentException(c.getSimpleName() + "." + TYPE_FIELD + " is null: initialise it");
      }
      return Optional.of(kind.cast(value));
    } catch (IllegalAccessException | ExceptionInInitializerError e) {
      throw new IllegalArgumentException("cannot read " + c.getSimpleName() + "." + TYPE_FIELD + ": " + e);
    }
  }

  /** A new instance by the no-argument constructor, or a message saying to add one. */
  private static Object instance(Class<?> c) {
    try {
      Constructor<?> constructor = c.getDeclaredConstructor(); // a Java cell's class is not public: JShell wraps it
      if (Modifier.isAbstract(c.getModifiers())) {
        throw new IllegalArgumentException("class " + c.getSimpleName() + " is abstract: name a concrete class");
      }
      constructor.trySetAccessible();
      return constructor.newInstance();
    } catch (NoSuchMethodException e) {
      throw new IllegalArgumentException("class " + c.getSimpleName() + " has no constructor without arguments:"
          + " add public " + c.getSimpleName() + "() {}, or declare its parameters in " + TYPE_FIELD);
    } catch (InvocationTargetException e) {
      throw new IllegalArgumentException("new " + c.getSimpleName() + "() threw " + e.getCause());
    } catch (ReflectiveOperationException | ExceptionInInitializerError e) {
      throw new IllegalArgumentException("cannot make a " + c.getSimpleName() + ": " + e);
    }
  }
}
