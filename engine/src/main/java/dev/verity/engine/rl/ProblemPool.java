package dev.verity.engine.rl;

import dev.verity.engine.rng.Seeds;
import dev.verity.engine.task.LevelRange;
import dev.verity.engine.task.Problem;
import dev.verity.engine.task.Task;
import java.io.DataInputStream;
import java.io.DataOutputStream;
import java.io.IOException;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.SplittableRandom;

/**
 * A fixed training set of problems (the stage's {@code pool}), drawn uniformly or, for k1.5's prioritised
 * sampling, each with weight 1 − (its success rate), the rate tracked per problem with a Laplace prior
 * ((s + 1)/(n + 2), so an unseen problem weighs ½ and a problem always solved fades but never vanishes). The pool
 * spans every level the stage will reach; each step draws only among problems at the task's current levels,
 * without replacement (Efraimidis–Spirakis keys u^(1/w); w = 1 for uniform).
 *
 * <p>A shared pool (the {@code pool} setting) is generated from the experiment's seed alone, so every stage with
 * the same pool size on the same task and levels trains on the same problems, uniform and prioritised alike;
 * prioritised sampling without that setting keeps its own pool per stage.
 */
public final class ProblemPool implements ProblemSource {
  private final long seed;
  private final int stageIndex;
  private final boolean prioritised;
  private final List<Problem> pool;
  private final int[] attempts;
  private final int[] successes;
  private final Map<String, Integer> indexOf = new HashMap<>();

  /**
   * @param task the task at the widest levels the stage will use
   * @param size how many problems the pool holds
   * @param prioritised draw ∝ 1 − success rate; false: uniformly
   * @param shared generate the problems from the seed alone, the same for every stage; false: from the stage
   */
  public ProblemPool(long seed, int stageIndex, Task task, int size, boolean prioritised, boolean shared) {
    this.seed = seed;
    this.stageIndex = stageIndex;
    this.prioritised = prioritised;
    this.pool = new ArrayList<>(size);
    for (int i = 0; pool.size() < size && i < size * 4; i++) {
      // step −1: the pool's own streams; stage −1: the experiment's shared training set
      Problem p = task.generate(Seeds.stream(seed, shared ? -1 : stageIndex, -1, i, -1));
      if (!indexOf.containsKey(p.prompt())) {
        indexOf.put(p.prompt(), pool.size());
        pool.add(p);
      }
    }
    this.attempts = new int[pool.size()];
    this.successes = new int[pool.size()];
  }

  public int size() {
    return pool.size();
  }

  /** The pool's problems, in the order they were generated. */
  public List<Problem> problems() {
    return List.copyOf(pool);
  }

  /** The smoothed success rate of pool problem {@code i}. */
  public double successRate(int i) {
    return (successes[i] + 1.0) / (attempts[i] + 2.0);
  }

  @Override
  public List<Problem> draw(long step, int count, Task task) {
    LevelRange levels = task.levels();
    SplittableRandom random = Seeds.stream(seed, stageIndex, step, -2);
    List<double[]> keyed = new ArrayList<>(); // {key, index}
    for (int i = 0; i < pool.size(); i++) {
      double u = random.nextDouble(); // one draw per pool entry, eligible or not, so streams stay aligned
      if (levels.contains(pool.get(i).level())) {
        double weight = prioritised ? 1.0 - successRate(i) : 1.0;
        keyed.add(new double[] {StrictMath.pow(u, 1.0 / weight), i});
      }
    }
    keyed.sort((a, b) -> a[0] != b[0] ? Double.compare(b[0], a[0]) : Double.compare(a[1], b[1]));
    List<Problem> drawn = new ArrayList<>(count);
    for (int r = 0; r < count && r < keyed.size(); r++) {
      drawn.add(pool.get((int) keyed.get(r)[1]));
    }
    // a pool with too few problems at these levels tops up with fresh ones rather than repeating
    for (int i = drawn.size(); i < count; i++) {
      drawn.add(task.generate(Seeds.stream(seed, stageIndex, step, i, -1)));
    }
    return drawn;
  }

  @Override
  public void record(List<Problem> problems, boolean[] correct, int k) {
    for (int p = 0; p < problems.size(); p++) {
      Integer i = indexOf.get(problems.get(p).prompt());
      if (i == null) {
        continue;
      }
      for (int j = 0; j < k; j++) {
        attempts[i]++;
        successes[i] += correct[p * k + j] ? 1 : 0;
      }
    }
  }

  @Override
  public void write(DataOutputStream out) throws IOException {
    out.writeInt(pool.size());
    for (int i = 0; i < pool.size(); i++) {
      out.writeInt(attempts[i]);
      out.writeInt(successes[i]);
    }
  }

  @Override
  public void read(DataInputStream in) throws IOException {
    int n = in.readInt();
    if (n != pool.size()) {
      throw new IOException("prioritisation state for " + n + " problems, the pool has " + pool.size());
    }
    for (int i = 0; i < n; i++) {
      attempts[i] = in.readInt();
      successes[i] = in.readInt();
    }
  }
}
