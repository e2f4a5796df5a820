package dev.verity.kernel.cli;

import java.lang.reflect.InvocationTargetException;
import java.lang.reflect.Method;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
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

  @Override
  public Integer call() throws Exception {
    Method main;
    try {
      main = Class.forName(BENCH).getMethod("main", String[].class);
    } catch (ClassNotFoundException | NoSuchMethodException e) {
      spec.commandLine().getErr().println("bench: not available in this build");
      return Verity.BAD_INPUT;
    }
    try {
      main.invoke(null, (Object) new String[0]); // it takes no arguments, so the command offers none
    } catch (InvocationTargetException e) {
      throw e.getCause() instanceof Exception cause ? cause : e;
    }
    return Verity.DONE;
  }
}
