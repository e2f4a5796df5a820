package dev.verity.kernel.faults;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;

/** {@code bin/verity ARGS…} as a user runs it: a real process on the packaged jar, its output kept in a file. */
final class VerityProcess {
  /** The repository root: failsafe runs in the kernel module's folder. */
  static final Path ROOT = Path.of("").toAbsolutePath().getParent();
  static final Path VERITY = ROOT.resolve("bin/verity");

  /** How a process ended, and what it printed (stdout and stderr together). */
  record Ended(int exitCode, String output) {
    /** Killed by SIGKILL: the shell's 128 + 9. */
    boolean killed() {
      return exitCode == 137;
    }
  }

  private VerityProcess() {}

  /** Runs {@code bin/verity args…} in {@code dir} with {@code env} added; fails past {@code timeoutSeconds}. */
  static Ended run(Path dir, Map<String, String> env, long timeoutSeconds, String... args)
      throws IOException, InterruptedException {
    List<String> command = new ArrayList<>(List.of(VERITY.toString()));
    command.addAll(List.of(args));
    return exec(dir, env, timeoutSeconds, command);
  }

  /** Runs {@code command} (a shell line wrapping bin/verity, say) in {@code dir}. */
  static Ended exec(Path dir, Map<String, String> env, long timeoutSeconds, List<String> command)
      throws IOException, InterruptedException {
    Path log = Files.createTempFile(dir, "verity-", ".log");
    ProcessBuilder builder = new ProcessBuilder(command).directory(dir.toFile()).redirectErrorStream(true)
        .redirectOutput(log.toFile());
    builder.environment().putAll(env);
    Process process = builder.start();
    if (!process.waitFor(timeoutSeconds, TimeUnit.SECONDS)) {
      process.destroyForcibly();
      throw new AssertionError(String.join(" ", command) + " ran past " + timeoutSeconds + " s:\n"
          + Files.readString(log));
    }
    return new Ended(process.exitValue(), Files.readString(log));
  }
}
