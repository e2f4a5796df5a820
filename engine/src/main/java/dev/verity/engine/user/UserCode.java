package dev.verity.engine.user;

import dev.verity.engine.reward.RewardExpr;
import dev.verity.engine.reward.RewardTerms;
import dev.verity.engine.task.HeldOutTask;
import dev.verity.engine.task.Task;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.Callable;
import java.util.concurrent.CancellationException;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Future;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.ThreadPoolExecutor;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.concurrent.atomic.AtomicLong;

/**
 * The guard around calls into one user class (a verifier or a reward term): each call runs on a worker thread
 * with a time limit, and one that throws or overruns gives the caller's fallback (a score of 0) instead of taking
 * the run down. It counts such failures, which a stage reports as {@code user_code_errors}, and keeps the first
 * one's message.
 *
 * <p>A call that overruns is stopped with {@link Thread#stop}, the only way to end a loop that never checks for
 * interruption ({@code while (true) {}}); Java 17 allows it. Java 20 and later refuse it: the overrunning call's
 * daemon thread is then abandoned, spinning on (it costs a core, but does not keep the JVM alive), and the next
 * call gets a fresh thread; the failure is counted all the same, and its message says the thread runs on.
 */
public final class UserCode {
  /** The limit of one call unless another is given. */
  public static final Duration DEFAULT_LIMIT = Duration.ofSeconds(1);

  /** How long an idle worker thread waits for the next call before it ends. */
  private static final long IDLE_SECONDS = 10;

  /** Ends an overrunning call's thread; throws {@link UnsupportedOperationException} where the JVM refuses. */
  interface Stopper {
    void stop(Thread thread);
  }

  @SuppressWarnings({"deprecation", "removal"})
  private static final Stopper THREAD_STOP = Thread::stop;

  private final String owner;
  private final Duration limit;
  private final Stopper stopper;
  private final AtomicLong errors = new AtomicLong();
  private volatile String firstError;
  private volatile String lastError;
  private ExecutorService worker; // one thread; replaced when a call overruns and its thread is abandoned
  private volatile Thread thread; // the worker's thread

  /** A guard for the class named {@code owner} (as errors name it), with the default limit. */
  public UserCode(String owner) {
    this(owner, DEFAULT_LIMIT);
  }

  public UserCode(String owner, Duration limit) {
    this(owner, limit, THREAD_STOP);
  }

  /** A guard that ends overrunning threads with {@code stopper}: a test's, to act as a newer JVM. */
  UserCode(String owner, Duration limit, Stopper stopper) {
    this.owner = owner;
    this.limit = limit;
    this.stopper = stopper;
  }

  /**
   * {@code code}'s value, or {@code fallback} when it throws or runs past the limit (then counted). Calls are one
   * at a time: the limit measures the user's code, not a wait for another call.
   *
   * @param what the method called, for the error message, e.g. {@code verify}
   */
  public synchronized <T> T call(String what, Callable<T> code, T fallback) {
    Future<T> result = submit(code);
    try {
      return result.get(limit.toNanos(), TimeUnit.NANOSECONDS);
    } catch (TimeoutException overrun) {
      boolean stopped = abandon(result);
      return failed(what + " ran longer than its limit of " + limit.toMillis() + " ms"
          + (stopped ? "" : " (this JVM cannot stop its thread, which runs on as a daemon)"), fallback);
    } catch (ExecutionException thrown) {
      Throwable cause = thrown.getCause();
      return failed(what + " threw " + cause, fallback);
    } catch (InterruptedException interrupted) {
      Thread.currentThread().interrupt();
      result.cancel(true);
      return fallback;
    }
  }

  /**
   * {@code code}'s value, for a call whose result nothing can stand in for: making the class, its definition's
   * factory, a task's alphabet or lengths. What it throws is thrown here; a run past the limit throws {@link
   * UserCodeOverrun} instead of hanging the caller (a check, a run's start). Not counted: {@code user_code_errors}
   * counts the calls that score.
   *
   * @param what the call as the user would write it, e.g. {@code new Stuck()} or {@code Palindromes.alphabet()}
   */
  public synchronized <T> T require(String what, Callable<T> code) {
    Future<T> result = submit(code);
    try {
      return result.get(limit.toNanos(), TimeUnit.NANOSECONDS);
    } catch (TimeoutException overrun) {
      abandon(result);
      throw new UserCodeOverrun(what, limit);
    } catch (ExecutionException thrown) {
      Throwable cause = thrown.getCause();
      if (cause instanceof RuntimeException e) {
        throw e;
      } else if (cause instanceof Error e) {
        throw e;
      }
      throw new IllegalStateException(what + " threw " + cause, cause);
    } catch (InterruptedException interrupted) {
      Thread.currentThread().interrupt();
      result.cancel(true);
      throw new CancellationException(what + " was interrupted");
    }
  }

  /** Runs {@code code} on the worker thread, made on first use and after an overrun abandoned the last one. */
  private <T> Future<T> submit(Callable<T> code) {
    if (worker == null) {
      ThreadPoolExecutor pool = new ThreadPoolExecutor(1, 1, IDLE_SECONDS, TimeUnit.SECONDS,
          new LinkedBlockingQueue<>(), r -> {
            Thread t = new Thread(r, "user-code " + owner);
            t.setDaemon(true); // a call that never returns must not keep the JVM alive
            thread = t;
            return t;
          });
      pool.allowCoreThreadTimeOut(true); // a notebook makes a guard per checked cell: idle ones hold no thread
      worker = pool;
    }
    return worker.submit(code);
  }

  /**
   * The guards of the user code a stage calls: its task's verifier (held-out wrapping looked through) and every
   * Java term of its reward. Empty for a stage of built-ins only.
   */
  public static List<UserCode> usedBy(Task task, RewardExpr reward) {
    List<UserCode> guards = new ArrayList<>(usedBy(task));
    RewardTerms.terms(reward).stream().filter(t -> t instanceof UserRewardTerm)
        .forEach(t -> guards.add(((UserRewardTerm) t).guard()));
    return guards.stream().distinct().toList();
  }

  /**
   * The guards of the user code an evaluation of {@code task} calls: its verifier's (held-out wrapping looked
   * through). Empty for a built-in task.
   */
  public static List<UserCode> usedBy(Task task) {
    Task inner = task instanceof HeldOutTask h ? h.inner() : task;
    return inner instanceof UserTask u ? List.of(u.guard()) : List.of();
  }

  /** The failures so far of all of {@code guards}. */
  public static long errors(List<UserCode> guards) {
    return guards.stream().mapToLong(UserCode::errors).sum();
  }

  /** How many calls failed so far. */
  public long errors() {
    return errors.get();
  }

  /** The first failure's message, e.g. {@code Palindromes.verify threw java.lang.IllegalStateException: …}. */
  public Optional<String> firstError() {
    return Optional.ofNullable(firstError);
  }

  /**
   * The latest failure's message, in the form of {@link #firstError}: what a reward check names when the call it
   * just made failed (the first may come from an earlier cell).
   */
  public Optional<String> lastError() {
    return Optional.ofNullable(lastError);
  }

  public String owner() {
    return owner;
  }

  private <T> T failed(String message, T fallback) {
    lastError = owner + "." + message;
    if (errors.getAndIncrement() == 0) {
      firstError = lastError;
    }
    return fallback;
  }

  /**
   * Stops the thread of an overrunning call and starts a fresh one for the next call; returns whether the thread
   * was stopped, or (Java 20 and later, see the class comment) is left behind as a daemon. {@code cancel}
   * interrupts it first, which ends a call that checks for interruption.
   */
  private boolean abandon(Future<?> result) {
    result.cancel(true);
    worker.shutdownNow();
    worker = null;
    Thread stuck = thread;
    if (stuck == null || !stuck.isAlive()) {
      return true;
    }
    try {
      stopper.stop(stuck);
      return true;
    } catch (UnsupportedOperationException refused) {
      return false;
    }
  }
}
