package dev.verity.engine.bench;

import ai.djl.Device;
import java.util.Locale;
import java.util.Optional;

/**
 * What {@link Bench} measures: which model sizes, how many timed repetitions, how many sequences at the RL shape,
 * and the device's peak FLOP/s for the model FLOP utilisation.
 *
 * @param size {@code standard}, {@code large}, {@code both}, or {@code default}: the standard size on the CPU (the
 *     large one takes minutes a step there), both on a GPU
 * @param repeats timed repetitions of each figure after its warm-up (the median is printed)
 * @param rows sequences at the RL shape (256 in an RL step of 32 prompts × 8 samples)
 * @param peakTflops the device's peak in TFLOP/s for the precision the engine computes in (float32), if known
 * @param determinism when above 0, instead of throughput: how many times to repeat one training step's gradients
 *     to see whether they are the same bits every time ({@link DeterminismProbe})
 * @param reference whether to measure the RL shape side by side with the PyTorch-eager reference ({@link Reference})
 * @param rssSteps when above 0, instead of throughput: RL steps to run at the RL shape, printing resident memory
 */
public record BenchOptions(
    String size, int repeats, int rows, Optional<Double> peakTflops, int determinism, boolean reference,
    int rssSteps) {
  public static final BenchOptions DEFAULT =
      new BenchOptions("default", 5, 256, Optional.empty(), 0, false, 0);

  public BenchOptions {
    if (!size.equals("default") && !size.equals("standard") && !size.equals("large") && !size.equals("both")) {
      throw new IllegalArgumentException("--size " + size + ": give standard, large or both");
    }
    if (repeats < 1) {
      throw new IllegalArgumentException("--repeats " + repeats + ": give 1 or more");
    }
    if (rows < 1) {
      throw new IllegalArgumentException("--rows " + rows + ": give 1 or more");
    }
    if (determinism < 0) {
      throw new IllegalArgumentException("--determinism " + determinism + ": give how many repeats, 2 or more");
    }
    if (rssSteps < 0) {
      throw new IllegalArgumentException("--rss-steps " + rssSteps + ": give 1 or more steps");
    }
    if (rssSteps > 0 && (reference || determinism > 0)) {
      throw new IllegalArgumentException("--rss-steps runs alone: drop --reference and --determinism");
    }
    if (peakTflops.isPresent() && !(peakTflops.get() > 0)) {
      throw new IllegalArgumentException("--peak-tflops " + peakTflops.get() + ": give the peak, above 0");
    }
  }

  /**
   * Parses {@code --size S --repeats N --rows N --peak-tflops X --determinism N --reference --rss-steps N}, each
   * optional, in any order.
   */
  public static BenchOptions parse(String... args) {
    String size = DEFAULT.size();
    int repeats = DEFAULT.repeats();
    int rows = DEFAULT.rows();
    Optional<Double> peak = DEFAULT.peakTflops();
    int determinism = DEFAULT.determinism();
    boolean reference = false;
    int rssSteps = 0;
    for (int i = 0; i < args.length; i++) {
      String name = args[i];
      if (name.equals("--reference")) {
        reference = true;
        continue;
      }
      if (i + 1 >= args.length) {
        throw new IllegalArgumentException(name + " needs a value");
      }
      String value = args[++i];
      try {
        switch (name) {
          case "--size":
            size = value.toLowerCase(Locale.ROOT);
            break;
          case "--repeats":
            repeats = Integer.parseInt(value);
            break;
          case "--rows":
            rows = Integer.parseInt(value);
            break;
          case "--peak-tflops":
            peak = Optional.of(Double.parseDouble(value));
            break;
          case "--determinism": // 0 is the record's "off": given, it must ask for a comparison
            determinism = Integer.parseInt(value);
            if (determinism < 2) {
              throw new IllegalArgumentException("--determinism " + value + ": give how many repeats to compare,"
                  + " 2 or more (leave it out to measure throughput)");
            }
            break;
          case "--rss-steps": // 0 is the record's "off": given, it must ask for a step
            rssSteps = Integer.parseInt(value);
            if (rssSteps < 1) {
              throw new IllegalArgumentException("--rss-steps " + value + ": give how many RL steps to run, 1 or more"
                  + " (leave it out to measure throughput)");
            }
            break;
          default:
            throw new IllegalArgumentException("unknown option " + name);
        }
      } catch (NumberFormatException e) {
        throw new IllegalArgumentException(name + " " + value + ": not a number");
      }
    }
    return new BenchOptions(size, repeats, rows, peak, determinism, reference, rssSteps);
  }

  boolean standard(Device device) {
    return !size.equals("large");
  }

  boolean large(Device device) {
    return size.equals("large") || size.equals("both") || (size.equals("default") && device.isGpu());
  }
}
