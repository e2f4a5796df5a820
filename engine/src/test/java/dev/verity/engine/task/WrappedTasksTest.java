package dev.verity.engine.task;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.verity.engine.user.UserCode;
import dev.verity.engine.user.UserTask;
import java.lang.reflect.Method;
import java.lang.reflect.Modifier;
import java.lang.reflect.Proxy;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;

/**
 * The tasks that wrap another (held out of the evaluation sets; a user's, guarded) pass every Task method on, the
 * default ones included: a default method a wrapper does not override runs on the wrapper, so the wrapped task's
 * own version would be lost without a word.
 */
class WrappedTasksTest {
  private static final Task ADD = TaskSpec.of(AdditionTask.TYPE, "digits", new LevelRange(1, 2)).create();

  @Test
  void everyTaskMethodIsPassedOnByEachWrapper() {
    for (Class<?> wrapper : List.of(HeldOutTask.class, UserTask.class)) {
      List<String> missing = new ArrayList<>();
      for (Method method : Task.class.getMethods()) {
        if (Modifier.isStatic(method.getModifiers())) {
          continue;
        }
        try {
          wrapper.getDeclaredMethod(method.getName(), method.getParameterTypes());
        } catch (NoSuchMethodException e) {
          missing.add(method.getName());
        }
      }
      assertTrue(missing.isEmpty(), wrapper.getSimpleName() + " does not pass on " + missing);
    }
  }

  @Test
  void aTasksOwnReflectTracesSurviveBeingHeldOut() {
    Task own = (Task) Proxy.newProxyInstance(Task.class.getClassLoader(), new Class<?>[] {Task.class},
        (proxy, method, args) -> method.getName().equals("trace") && args.length == 4
            ? "its own reflect trace"
            : method.invoke(ADD, args));
    Problem problem = ADD.generate(new SplittableRandom(1));
    Task heldOut = new HeldOutTask(own, Set.of(), "add_test");
    assertEquals("its own reflect trace", heldOut.trace(problem, TraceStyle.REFLECT, 0.5, new SplittableRandom(2)));
    Task guarded = new UserTask(own, new UserCode("Own"));
    assertEquals("its own reflect trace", guarded.trace(problem, TraceStyle.REFLECT, 0.5, new SplittableRandom(2)));
  }
}
