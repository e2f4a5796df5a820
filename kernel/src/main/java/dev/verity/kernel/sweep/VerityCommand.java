package dev.verity.kernel.sweep;

import dev.verity.kernel.cli.Launch;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * How a sweep starts one {@code verity run} of this build with PyTorch on a given number of threads: through
 * {@code bin/verity} when this build runs from its jar beside it (so each run gets the same environment as one
 * started by hand), else this Java with the same flags ({@link Launch}), as when running from compiled classes.
 *
 * @param prefix the program and arguments before verity's own
 * @param environment variables to set for it
 */
public record VerityCommand(List<String> prefix, Map<String, String> environment) {
  /** The variable bin/verity reads PyTorch's thread count from. */
  public static final String THREADS = "VERITY_THREADS";

  public VerityCommand {
    prefix = List.copyOf(prefix);
    environment = Map.copyOf(environment);
  }

  /** This build, computing on {@code threads} threads. */
  public static VerityCommand thisBuild(int threads) {
    Optional<Path> script = binVerity();
    if (script.isPresent()) {
      return new VerityCommand(List.of(script.get().toString()), Map.of(THREADS, Integer.toString(threads)));
    }
    return new VerityCommand(Launch.command(threads, List.of()), Map.of(THREADS, Integer.toString(threads)));
  }

  /** {@code bin/verity} of the repository whose {@code kernel/target/verity.jar} this process runs from. */
  static Optional<Path> binVerity() {
    return Launch.ownJar().flatMap(jar -> {
      Path target = jar.getParent();
      Path module = target == null ? null : target.getParent();
      Path root = module == null ? null : module.getParent();
      if (root == null || !jar.getFileName().toString().equals("verity.jar")) {
        return Optional.empty();
      }
      Path script = root.resolve("bin").resolve("verity");
      return Files.isExecutable(script) && jar.equals(root.resolve("kernel/target/verity.jar"))
          ? Optional.of(script) : Optional.empty();
    });
  }

  /** The whole command line for {@code verity args…}. */
  public List<String> line(List<String> args) {
    List<String> line = new ArrayList<>(prefix);
    line.addAll(args);
    return line;
  }

  /** {@code text} quoted for a POSIX shell. */
  static String quote(String text) {
    return "'" + text.replace("'", "'\\''") + "'";
  }

  /** The command line for {@code verity args…} as one line of shell, each word quoted. */
  String shellLine(List<String> args) {
    return String.join(" ", line(args).stream().map(VerityCommand::quote).toList());
  }
}
