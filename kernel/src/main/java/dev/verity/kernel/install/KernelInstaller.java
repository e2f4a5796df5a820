package dev.verity.kernel.install;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import java.io.File;
import java.io.IOException;
import java.io.InputStream;
import java.io.PrintStream;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Writes the Jupyter kernelspec {@code verity}: {@code kernel.json} (how to start the kernel, its environment,
 * message-mode interrupts) and {@code kernel.js} (CodeMirror highlighting for the classic notebook).
 */
public final class KernelInstaller {
  public static final String NAME = "verity";
  public static final String MAIN_CLASS = "dev.verity.kernel.KernelMain";

  /**
   * Set before the JVM starts (DJL-NOTES): offline DJL, glibc malloc tuned for torch's allocation pattern,
   * MKL's reproducibility mode (the same bits run to run), and OpenMP threads that spin only briefly before
   * they sleep (a thread spinning on a shared core stalls every op), as bin/verity sets them (its comment says why
   * 3,000).
   */
  static final Map<String, String> ENV = envOf(
      "DJL_OFFLINE", "true",
      "OPT_OUT_TRACKING", "true",
      "MALLOC_ARENA_MAX", "1",
      "MALLOC_TRIM_THRESHOLD_", "4294967296",
      "MALLOC_MMAP_THRESHOLD_", "33554432",
      "MKL_CBWR", "AUTO",
      "GOMP_SPINCOUNT", "3000");

  /** Where bin/verity looks for tcmalloc (Debian's libtcmalloc-minimal4), in its order. */
  static final List<Path> LIBRARY_FOLDERS = List.of(Path.of("/usr/lib/x86_64-linux-gnu"),
      Path.of("/usr/lib/aarch64-linux-gnu"), Path.of("/usr/lib64"), Path.of("/usr/lib"));
  static final String TCMALLOC = "libtcmalloc_minimal.so.4";

  private KernelInstaller() {}

  /**
   * The kernel's environment: {@link #ENV}, and tcmalloc preloaded where it is installed, as bin/verity preloads it
   * for every command ({@code VERITY_MALLOC=glibc} at install time leaves it out, as it does for bin/verity). Jupyter
   * starts the kernel without bin/verity, so without this a notebook trained on glibc malloc: measured in
   * docs/performance.md. The allocator changes no number.
   */
  public static Map<String, String> environment(Map<String, String> processEnv, List<Path> libraryFolders) {
    Map<String, String> env = new LinkedHashMap<>(ENV);
    if (!"glibc".equals(processEnv.getOrDefault("VERITY_MALLOC", "tcmalloc"))) {
      libraryFolders.stream().map(folder -> folder.resolve(TCMALLOC)).filter(Files::isRegularFile).findFirst()
          .ifPresent(library -> env.put("LD_PRELOAD", library.toString()));
    }
    return Collections.unmodifiableMap(env);
  }

  /** Jupyter's per-user kernels folder: {@code $JUPYTER_DATA_DIR}, else {@code $XDG_DATA_HOME/jupyter}, else
   * {@code ~/.local/share/jupyter}; then {@code kernels}. */
  public static Path userKernels(Map<String, String> env, Path home) {
    String data = env.get("JUPYTER_DATA_DIR");
    if (data != null && !data.isBlank()) {
      return Path.of(data).resolve("kernels");
    }
    String xdg = env.get("XDG_DATA_HOME");
    Path base = xdg != null && !xdg.isBlank() ? Path.of(xdg) : home.resolve(".local/share");
    return base.resolve("jupyter/kernels");
  }

  /** The kernels folder of an environment prefix: {@code P/share/jupyter/kernels}. */
  public static Path prefixKernels(Path prefix) {
    return prefix.resolve("share/jupyter/kernels");
  }

  /**
   * The JVM flags of every Verity process, as bin/verity passes them: headless charts, offline DJL, room for deeply
   * nested source, and a small young generation (bin/verity says why).
   */
  public static final List<String> JVM_FLAGS =
      List.of("-Djava.awt.headless=true", "-Dai.djl.offline=true", "-Xss4m", "-Xmn32m");

  /** The command that starts the kernel with {@code classpath} (absolute paths, joined by ':'). */
  public static List<String> javaCommand(Path java, String classpath) {
    List<String> command = new ArrayList<>(List.of(java.toString()));
    command.addAll(JVM_FLAGS);
    command.addAll(List.of("-cp", classpath, MAIN_CLASS));
    return List.copyOf(command);
  }

  /**
   * Writes {@code kernels/verity/} for {@code command} (Jupyter appends the connection file), with this machine's
   * {@link #environment}; returns that folder.
   */
  public static Path install(Path kernels, List<String> command) throws IOException {
    return install(kernels, command, environment(System.getenv(), LIBRARY_FOLDERS));
  }

  /** {@link #install(Path, List)} with the kernel's environment {@code env}. */
  public static Path install(Path kernels, List<String> command, Map<String, String> env) throws IOException {
    Path dir = kernels.resolve(NAME);
    Files.createDirectories(dir);
    List<String> argv = new ArrayList<>(command);
    argv.add("{connection_file}");
    Map<String, Object> spec = new LinkedHashMap<>();
    spec.put("argv", argv);
    spec.put("display_name", "Verity");
    spec.put("language", "verity");
    spec.put("interrupt_mode", "message");
    spec.put("env", env);
    spec.put("metadata", Map.of());
    new ObjectMapper().enable(SerializationFeature.INDENT_OUTPUT).writeValue(dir.resolve("kernel.json").toFile(), spec);
    try (InputStream js = KernelInstaller.class.getResourceAsStream("kernel.js")) {
      if (js == null) {
        throw new IllegalStateException("kernel.js is missing from the kernel's resources");
      }
      Files.write(dir.resolve("kernel.js"), js.readAllBytes());
    }
    return dir;
  }

  /** {@code [--user | --prefix P]}: installs for this JVM's own java and class path. */
  public static void main(String[] args) {
    System.exit(run(args, System.getenv(), Path.of(System.getProperty("user.home")), System.out, System.err));
  }

  /** What {@link #main} does, returning the exit status: 0 installed, 1 could not write, 2 bad arguments. */
  static int run(String[] args, Map<String, String> env, Path home, PrintStream out, PrintStream err) {
    Path kernels;
    if (args.length == 0 || (args.length == 1 && args[0].equals("--user"))) {
      kernels = userKernels(env, home);
    } else if (args.length == 2 && args[0].equals("--prefix")) {
      kernels = prefixKernels(Path.of(args[1]).toAbsolutePath());
    } else {
      err.println("usage: verity kernel install [--user | --prefix P]   (default --user); got: "
          + String.join(" ", args));
      return 2;
    }
    Path java = Path.of(System.getProperty("java.home"), "bin", "java");
    try {
      Path dir = install(kernels, javaCommand(java, absoluteClasspath(System.getProperty("java.class.path"))));
      out.println("installed the Verity kernel in " + dir);
      return 0;
    } catch (IOException | UncheckedIOException e) {
      err.println("could not install the kernel in " + kernels + ": " + e);
      return 1;
    }
  }

  /** Each entry made absolute, so the kernel starts from any notebook folder. */
  static String absoluteClasspath(String classpath) {
    List<String> entries = new ArrayList<>();
    for (String entry : classpath.split(File.pathSeparator)) {
      if (!entry.isEmpty()) {
        entries.add(Path.of(entry).toAbsolutePath().normalize().toString());
      }
    }
    return String.join(File.pathSeparator, entries);
  }

  private static Map<String, String> envOf(String... pairs) {
    Map<String, String> env = new LinkedHashMap<>();
    for (int i = 0; i < pairs.length; i += 2) {
      env.put(pairs[i], pairs[i + 1]);
    }
    return Collections.unmodifiableMap(env);
  }
}
