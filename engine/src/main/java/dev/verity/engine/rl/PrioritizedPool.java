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
 * k1.5's prioritised sampling: a fixed pool of problems, each drawn with weight 1 − (its success rate), the
 * rate tracked per problem with a Laplace prior ((s + 1)/(n + 2), so an unseen problem weighs ½ and a problem
 * always solved fades but never vanishes). The pool spans every level the stage will reach; each step draws
 * only among problems at the task's current levels, without replacement (Efraimidis–Spirakis keys u^(1/w)).
 */
public final class PrioritizedPool implements ProblemSource {
  private final long seed;
  private final int stageIndex;
  private final List<Problem> pool;
  private final int[] attempts;
  private final int[] successes;
  private final Map<String, Integer> indexOf = new HashMap<>();

  /**
   * @param task the task at the widest levels the stage will use
   * @param size how many problems the pool holds
   */
  public PrioritizedPool(long seed, int stageIndex, Task task, int size) {
    this.seed = seed;
    this.stageIndex = stageIndex;
    this.pool = new ArrayList<>(size);
    for (int i = 0; pool.size() < size && i < size * 4; i++) {
      Problem p = task.generate(Seeds.stream(seed, stageIndex, -1, i, -1)); // step −1: the pool's own streams
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
        double weight = 1.0 - successRate(i);
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
