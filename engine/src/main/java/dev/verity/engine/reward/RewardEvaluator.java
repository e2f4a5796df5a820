package dev.verity.engine.reward;

import dev.verity.engine.task.Task;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.stream.Collectors;

/**
 * Evaluates a {@link RewardExpr} over one prompt's group of rollouts.
 *
 * <p>The expression is compiled once (regexes included) into nodes that compute a column of values over the
 * whole group, so group-relative terms see every sample. Every term is evaluated for every rollout, including
 * those in an {@code if} branch not taken, so the recorded values are complete. Identical sub-expressions share
 * one name and are computed once per group; different terms with the same DSL name are told apart by a
 * suffix in order of first appearance: {@code format}, {@code format_2}, … An evaluator is immutable and
 * may be shared between threads.
 */
public final class RewardEvaluator {
  private final List<String> termNames = new ArrayList<>();
  private final Map<RewardExpr, Integer> slots = new LinkedHashMap<>();
  /** The slots of terms proper (not of named rewards): where a value that is not a number is blamed first. */
  private final List<Integer> termSlots = new ArrayList<>();
  private final Optional<String> name;
  private final Node root;

  /** Compiles {@code expression}; throws {@link IllegalArgumentException} naming the term when an argument is bad. */
  public RewardEvaluator(RewardExpr expression) {
    name = expression instanceof RewardExpr.Named n ? Optional.of(n.name()) : Optional.empty();
    root = compile(expression);
  }

  /** The declared name of the reward, empty for one written inline. */
  public Optional<String> name() {
    return name;
  }

  /** The names of the recorded terms, in the order of each result's {@code terms}. */
  public List<String> termNames() {
    return List.copyOf(termNames);
  }

  /**
   * The reward of every rollout of one prompt's group, in the group's order.
   *
   * @param task the task whose verifier the answer terms use, or null to compare with the standard extraction
   * @param step the step within the stage, for schedule coefficients
   * @param totalSteps the stage's number of steps
   * @throws NonFiniteReward when a rollout's reward or one of its recorded terms is NaN or infinite
   */
  public List<RewardResult> evaluate(List<Rollout> group, Task task, long step, long totalSteps) {
    Evaluation g = new Evaluation(new Group(group, task, step, totalSteps), new double[termNames.size()][]);
    double[] total = root.eval(g);
    List<RewardResult> results = new ArrayList<>(g.size());
    for (int i = 0; i < g.size(); i++) {
      Map<String, Double> terms = new LinkedHashMap<>();
      for (int s = 0; s < termNames.size(); s++) {
        terms.put(termNames.get(s), g.terms()[s][i]);
      }
      requireFinite(total[i], terms, group.get(i));
      results.add(new RewardResult(total[i], terms));
    }
    return results;
  }

  /**
   * A reward that is not a number would reach the advantages and the loss, and the run would fail later blaming the
   * learning rate: refused here, with the term that is not finite (a Java term's NaN) or, when every term is, the
   * arithmetic that overflowed.
   */
  private void requireFinite(double total, Map<String, Double> terms, Rollout rollout) {
    // a named part may overflow where the whole bounds it (min(big, 1)): only the total and the terms must be finite
    boolean finite = Double.isFinite(total)
        && termSlots.stream().map(termNames::get).allMatch(t -> Double.isFinite(terms.get(t)));
    if (finite) {
      return;
    }
    Optional<String> term = termSlots.stream().map(termNames::get).filter(t -> !Double.isFinite(terms.get(t)))
        .findFirst().map(t -> t + " is " + terms.get(t));
    String values = terms.entrySet().stream().map(e -> e.getKey() + " = " + e.getValue())
        .collect(Collectors.joining(", "));
    throw NonFiniteReward.of(name, total, term, values, rollout);
  }

  /** The reward of a single rollout as a group of one (the DSL's {@code check} statements). */
  public RewardResult evaluate(Rollout rollout, Task task, long step, long totalSteps) {
    return evaluate(List.of(rollout), task, step, totalSteps).get(0);
  }

  /** The group being evaluated, and the memoised term columns. */
  private record Evaluation(Group group, double[][] terms) {
    int size() {
      return group.size();
    }
  }

  /** A compiled expression: one value per rollout of the group. */
  private interface Node {
    double[] eval(Evaluation g);
  }

  private Node compile(RewardExpr e) {
    if (e instanceof RewardExpr.Const c) {
      double v = clean(c.value());
      return g -> filled(g.size(), v);
    }
    if (e instanceof RewardExpr.Coefficient c) {
      return g -> filled(g.size(), clean(c.schedule().value(g.group().step(), g.group().totalSteps())));
    }
    if (e instanceof RewardExpr.Named n) {
      int slot = slot(e, n.name());
      return term(slot, compile(n.body()));
    }
    if (e instanceof RewardExpr.Term t) {
      int slot = slot(e, t.name()); // named before its inputs, so recorded names keep their order
      if (!termSlots.contains(slot)) {
        termSlots.add(slot);
      }
      List<Node> inputs = t.inputs().stream().map(this::compile).toList();
      RewardExpr.Scorer scorer = t.scorer();
      return term(slot, g -> scorer.score(g.group(), inputs.stream().map(in -> in.eval(g)).toList()));
    }
    if (e instanceof RewardExpr.Binary b) {
      Node left = compile(b.left());
      Node right = compile(b.right());
      RewardExpr.Op op = b.op();
      return g -> {
        double[] x = left.eval(g);
        double[] y = right.eval(g);
        double[] out = new double[x.length];
        for (int i = 0; i < out.length; i++) {
          out[i] = Arithmetic.apply(op, x[i], y[i]);
        }
        return out;
      };
    }
    if (e instanceof RewardExpr.Negate n) {
      Node operand = compile(n.operand());
      return g -> {
        double[] x = operand.eval(g);
        double[] out = new double[x.length];
        for (int i = 0; i < out.length; i++) {
          out[i] = clean(-x[i]);
        }
        return out;
      };
    }
    if (e instanceof RewardExpr.Call c) {
      return compileCall(c);
    }
    if (e instanceof RewardExpr.IfThenElse c) {
      Node condition = compile(c.condition());
      Node then = compile(c.then());
      Node otherwise = compile(c.otherwise());
      return g -> {
        double[] cond = condition.eval(g);
        double[] a = then.eval(g); // both branches run: every term inside is recorded for every rollout
        double[] b = otherwise.eval(g);
        double[] out = new double[cond.length];
        for (int i = 0; i < out.length; i++) {
          out[i] = cond[i] != 0 ? a[i] : b[i];
        }
        return out;
      };
    }
    throw new IllegalArgumentException("unknown reward expression " + e);
  }

  private Node compileCall(RewardExpr.Call c) {
    String name = c.function().name().toLowerCase(Locale.ROOT);
    if (c.arguments().isEmpty()) {
      throw new IllegalArgumentException(name + "(): needs at least one argument, e.g. " + name + "(a, b)");
    }
    List<Node> args = c.arguments().stream().map(this::compile).toList();
    boolean isMin = c.function() == RewardExpr.Function.MIN;
    return g -> {
      double[] out = args.get(0).eval(g).clone();
      for (Node arg : args.subList(1, args.size())) {
        double[] x = arg.eval(g);
        for (int i = 0; i < out.length; i++) {
          out[i] = isMin ? Math.min(out[i], x[i]) : Math.max(out[i], x[i]);
        }
      }
      return out;
    };
  }

  /** The slot recording {@code e}: shared by equal expressions, a fresh suffixed name otherwise. */
  private int slot(RewardExpr e, String name) {
    Integer existing = slots.get(e);
    if (existing != null) {
      return existing;
    }
    String key = name;
    for (int n = 2; termNames.contains(key); n++) {
      key = name + "_" + n;
    }
    termNames.add(key);
    slots.put(e, termNames.size() - 1);
    return termNames.size() - 1;
  }

  /** A recorded term: computed once per group, its column kept for the results. */
  private static Node term(int slot, Node body) {
    return g -> {
      if (g.terms()[slot] == null) {
        g.terms()[slot] = body.eval(g);
      }
      return g.terms()[slot];
    };
  }

  private static double[] filled(int n, double v) {
    double[] out = new double[n];
    Arrays.fill(out, v);
    return out;
  }

  static double clean(double x) {
    return Double.isNaN(x) ? 0 : x;
  }
}
