package dev.verity.engine.user;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.verity.engine.reward.RewardEvaluator;
import dev.verity.engine.reward.RewardExpr;
import dev.verity.engine.reward.Rollout;
import dev.verity.engine.task.AdditionTask;
import dev.verity.engine.task.LevelRange;
import dev.verity.engine.task.Problem;
import dev.verity.engine.task.Task;
import java.lang.reflect.Proxy;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.atomic.AtomicBoolean;
import org.junit.jupiter.api.Test;

/** User code cannot take a run down: a call that throws or loops scores 0, is counted, and the next call runs. */
class UserCodeTest {
  private static final Problem PROBLEM = new Problem("12+30=", "42", 2);

  @Test
  void aThrowingRewardScoresZeroAndIsCountedWithItsMessage() {
    UserCode guard = new UserCode("Broken");
    RewardFunction broken = r -> {
      throw new IllegalStateException("no score for " + r.response());
    };
    RewardEvaluator evaluator = new RewardEvaluator(new RewardExpr.Binary(RewardExpr.Op.ADD,
        new RewardExpr.Const(0.5), new UserRewardTerm("Broken", broken, guard)));
    double total = evaluator.evaluate(new Rollout(PROBLEM, "42", 2, false), null, 0, 1).total();
    assertEquals(0.5, total, "the term scored 0, the rest of the reward stands");
    assertEquals(1, guard.errors());
    assertEquals("Broken.score threw java.lang.IllegalStateException: no score for 42", guard.firstError().get());
  }

  @Test
  void aLoopingVerifierIsStoppedAtItsLimitAndTheNextCallRuns() {
    UserCode guard = new UserCode("Looping", Duration.ofMillis(100));
    long start = System.nanoTime();
    boolean verdict = guard.call("verify", () -> {
      while (true) { // never checks for interruption
        Math.sqrt(start);
      }
    }, false);
    double seconds = (System.nanoTime() - start) / 1e9;
    assertFalse(verdict);
    assertTrue(seconds < 2, "stopped near its limit, after " + seconds + " s");
    assertEquals("Looping.verify ran longer than its limit of 100 ms", guard.firstError().get());
    assertEquals(Boolean.TRUE, guard.call("verify", () -> true, false), "a fresh worker runs the next call");
    assertEquals(1, guard.errors());
  }

  @Test
  void whereTheJvmRefusesToStopAThreadTheCallIsAbandonedCountedAndTheNextCallRuns() throws Exception {
    Thread[] refusedToStop = new Thread[1];
    UserCode guard = new UserCode("Spinning", Duration.ofMillis(100), t -> {
      refusedToStop[0] = t;
      throw new UnsupportedOperationException(); // as Thread.stop does on Java 20 and later
    });
    AtomicBoolean released = new AtomicBoolean();
    try {
      boolean verdict = guard.call("verify", () -> {
        while (!released.get()) { // ignores interruption, as a careless loop does; the test ends it below
          Thread.onSpinWait();
        }
        return true;
      }, false);
      assertFalse(verdict);
      assertTrue(refusedToStop[0].isAlive(), "the refused thread is left to spin on");
      assertTrue(refusedToStop[0].isDaemon(), "and cannot keep the JVM alive");
      assertEquals(Boolean.TRUE, guard.call("verify", () -> true, false), "a fresh worker runs the next call");
      assertEquals(0, guard.call("verify", () -> 1 / 0, 0), "and its failures are counted too");
      assertEquals(2, guard.errors());
      assertEquals("Spinning.verify ran longer than its limit of 100 ms (this JVM cannot stop its thread, which"
          + " runs on as a daemon)", guard.firstError().get());
    } finally {
      released.set(true);
    }
    refusedToStop[0].join(2000);
    assertFalse(refusedToStop[0].isAlive());
  }

  @Test
  void aUserTaskWhoseVerifierThrowsCountsTheRolloutWrong() {
    UserCode guard = new UserCode("Addition");
    Task addition = new AdditionTask(new LevelRange(2, 2));
    Task broken = (Task) Proxy.newProxyInstance(Task.class.getClassLoader(), new Class<?>[] {Task.class},
        (proxy, method, args) -> {
          if (method.getName().equals("verify")) {
            throw new ArithmeticException("/ by zero");
          }
          return method.invoke(addition, args);
        });
    UserTask task = new UserTask(broken, guard);
    assertFalse(task.verify(PROBLEM, "42"));
    assertEquals(List.of(guard), UserCode.usedBy(task, new RewardExpr.ExactAnswer()));
    assertEquals(1, UserCode.errors(List.of(guard)));
  }
}
