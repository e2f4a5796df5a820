package dev.verity.kernel.cli;

import java.lang.reflect.InvocationTargetException;
import java.lang.reflect.Method;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/**
 * {@code verity bench}: sampling and training throughput of the standard model sizes, measured by the engine's
 * {@code dev.verity.engine.bench.Bench}. Looked up by name because the engine may be built without it.
 */
@Command(
    name = "bench",
    description = {
      "Prints sampling and training throughput (tokens/s) of the standard model sizes, with the model FLOP/s they"
          + " reach.",
      "The standard model (4 layers, dim 128) at 64 × 64 tokens and at the RL shape (256 sequences × 128 new"
          + " tokens), one RL step; with --size large or both, or by default on a GPU, also 8 layers, dim 512."
    })
final class BenchCommand implements Callable<Integer> {
  static final String BENCH = "dev.verity.engine.bench.Bench";
  static final String OPTIONS = "dev.verity.engine.bench.BenchOptions";

  @Spec CommandSpec spec;

  @Mixin DeviceOption device;

  @Option(names = "--size", paramLabel = "standard|large|both", description = "which model sizes (default: standard"
      + " on the CPU, both on a GPU)")
  String size;

  @Option(names = "--repeats", paramLabel = "N", description = "timed repetitions of each figure after a warm-up;"
      + " the median is printed (default: 5)")
  Integer repeats;

  @Option(names = "--rows", paramLabel = "N", description = "sequences at the RL shape (default: 256)")
  Integer rows;

  @Option(names = "--peak-tflops", paramLabel = "X", description = "the device's peak TFLOP/s in float32, which the"
      + " engine computes in (an H100 or H200 SXM: 67): prints the model FLOP utilisation")
  Double peakTflops;

  @Option(names = "--determinism", paramLabel = "N", description = "instead of throughput: compute one training"
      + " step's gradients N times, with the embedding and gather ops and with their one-hot formulations, and name"
      + " each weight whose gradient was not the same bits every time")
  Integer determinism;

  @Option(names = "--reference",
      description = "Also run the PyTorch-eager reference (bench/reference/gpt_eager.py, needs python3-torch),"
          + " alternating with Verity on the same work, and print both figures and their ratio.")
  boolean reference;

  @Option(names = "--rss-steps", paramLabel = "N",
      description = "Instead, run N RL steps at the RL shape and print resident memory every 100 steps.")
  Integer rssSteps;

  @Override
  public Integer call() throws Exception {
    Method execute;
    Method parse;
    try {
      execute = Class.forName(BENCH).getMethod("execute", String[].class);
      parse = Class.forName(OPTIONS).getMethod("parse", String[].class);
    } catch (ClassNotFoundException | NoSuchMethodException e) {
      spec.commandLine().getErr().println("bench: not available in this build");
      return Verity.BAD_INPUT;
    }
    List<String> list = new ArrayList<>();
    add(list, "--size", size);
    add(list, "--repeats", repeats);
    add(list, "--rows", rows);
    add(list, "--peak-tflops", peakTflops);
    add(list, "--determinism", determinism);
    add(list, "--rss-steps", rssSteps);
    if (reference) {
      list.add("--reference");
    }
    String[] args = list.toArray(new String[0]);
    try {
      parse.invoke(null, (Object) args); // a value out of range is a wrong command line, refused before any work
    } catch (InvocationTargetException e) {
      throw new CliException(e.getCause().getMessage());
    }
    device.apply();
    try {
      return (Integer) execute.invoke(null, (Object) args); // 0 done, 2 no reference here
    } catch (InvocationTargetException e) {
      throw e.getCause() instanceof Exception cause ? cause : e;
    }
  }

  private static void add(List<String> args, String name, Object value) {
    if (value != null) {
      args.add(name);
      args.add(value.toString());
    }
  }
}
