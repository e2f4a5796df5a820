package dev.verity.kernel.cli;

import java.lang.reflect.InvocationTargetException;
import java.lang.reflect.Method;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.ParameterException;
import picocli.CommandLine.Spec;

/**
 * {@code verity bench}: sampling and training throughput of the standard model sizes, measured by the engine's
 * {@code dev.verity.engine.bench.Bench}. Looked up by name because the engine may be built without it.
 */
@Command(
    name = "bench",
    description = "Prints sampling and training throughput (tokens/s) of the standard model sizes.")
final class BenchCommand implements Callable<Integer> {
  static final String BENCH = "dev.verity.engine.bench.Bench";

  @Spec CommandSpec spec;

  @Option(names = "--reference",
      description = "Also run the PyTorch-eager reference (bench/reference/gpt_eager.py, needs python3-torch),"
          + " alternating with Verity on the same work, and print both figures and their ratio.")
  boolean reference;

  @Option(names = "--rss-steps", paramLabel = "N",
      description = "Instead, run N RL steps at the RL shape and print resident memory every 100 steps.")
  Integer rssSteps;

  @Override
  public Integer call() throws Exception {
    if (rssSteps != null && (rssSteps < 1 || reference)) {
      throw new ParameterException(spec.commandLine(),
          rssSteps < 1 ? "--rss-steps needs at least 1 step, got " + rssSteps : "--rss-steps runs alone: drop --reference");
    }
    Method execute;
    try {
      execute = Class.forName(BENCH).getMethod("execute", String[].class);
    } catch (ClassNotFoundException | NoSuchMethodException e) {
      spec.commandLine().getErr().println("bench: not available in this build");
      return Verity.BAD_INPUT;
    }
    List<String> args = new ArrayList<>();
    if (reference) {
      args.add("--reference");
    }
    if (rssSteps != null) {
      args.add("--rss-steps");
      args.add(rssSteps.toString());
    }
    try {
      return (Integer) execute.invoke(null, (Object) args.toArray(String[]::new)); // 0 done, 2 no reference here
    } catch (InvocationTargetException e) {
      throw e.getCause() instanceof Exception cause ? cause : e;
    }
  }
}
