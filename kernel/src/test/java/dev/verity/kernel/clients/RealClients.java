package dev.verity.kernel.clients;

import static org.junit.jupiter.api.Assumptions.assumeTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.verity.kernel.install.KernelInstaller;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;

/**
 * Debian's Jupyter tools (scripts/install-test-deps.sh) run against the kernel under test: a kernelspec for it
 * is installed in a temporary JUPYTER_PATH, started with this test JVM's java and class path, so the kernel
 * process serves {@code FixtureLanguage} (or, with {@link #serving}'s class path, the language found there).
 * Nothing touches the user's own Jupyter folders.
 */
public final class RealClients {
  public static final Path PYTHON = Path.of("/usr/bin/python3");
  public static final Path JUPYTER = Path.of("/usr/bin/jupyter");
  static final Path SCRIPTS = Path.of("src/test/python").toAbsolutePath();
  private static final ObjectMapper JSON = new ObjectMapper();

  /** What a client process printed and how it ended. */
  public record Result(int exitCode, String stdout, String stderr) {
    public JsonNode json() throws IOException {
      return JSON.readTree(stdout);
    }
  }

  private final Path home;

  private RealClients(Path home) {
    this.home = home;
  }

  /** Skips the calling test, saying why, where Debian's Jupyter packages are missing. */
  static RealClients in(Path temp) throws IOException, InterruptedException {
    return serving(temp, System.getProperty("java.class.path"));
  }

  /** As {@link #in}, the kernel started on {@code classPath}: the first language on it is the one served. */
  public static RealClients serving(Path temp, String classPath) throws IOException, InterruptedException {
    boolean present = Files.isExecutable(PYTHON) && Files.isExecutable(JUPYTER)
        && new ProcessBuilder(PYTHON.toString(), "-c", "import jupyter_client, nbclient, ipykernel")
            .redirectErrorStream(true).redirectOutput(ProcessBuilder.Redirect.DISCARD).start().waitFor() == 0;
    assumeTrue(present, "Debian's jupyter_client, nbclient and ipykernel are missing: run scripts/install-test-deps.sh");
    RealClients clients = new RealClients(temp);
    String java = Path.of(System.getProperty("java.home"), "bin", "java").toString();
    KernelInstaller.install(clients.kernels(), KernelInstaller.javaCommand(Path.of(java), classPath));
    return clients;
  }

  /** The kernels folder on this JUPYTER_PATH. */
  Path kernels() {
    return KernelInstaller.prefixKernels(home);
  }

  /** Adds a kernelspec {@code ipy} for Debian's ipykernel (the PATH's python3 here may lack it). */
  void installIpykernel() throws IOException {
    Path dir = Files.createDirectories(kernels().resolve("ipy"));
    Files.writeString(dir.resolve("kernel.json"), JSON.writeValueAsString(Map.of(
        "argv", List.of(PYTHON.toString(), "-m", "ipykernel_launcher", "-f", "{connection_file}"),
        "display_name", "ipykernel", "language", "python")));
  }

  /** Runs {@code command} with this JUPYTER_PATH; fails past {@code timeoutSeconds}. */
  public Result run(long timeoutSeconds, String... command) throws IOException, InterruptedException {
    return run(Map.of(), timeoutSeconds, command);
  }

  /** As {@link #run(long, String...)}, with {@code variables} added to the environment (the kernel's too). */
  public Result run(Map<String, String> variables, long timeoutSeconds, String... command)
      throws IOException, InterruptedException {
    Path out = Files.createTempFile(home, "out", ".txt");
    Path err = Files.createTempFile(home, "err", ".txt");
    ProcessBuilder builder = new ProcessBuilder(command).directory(home.toFile())
        .redirectOutput(out.toFile()).redirectError(err.toFile());
    Map<String, String> env = builder.environment();
    env.put("JUPYTER_PATH", home.resolve("share/jupyter").toString());
    env.put("JUPYTER_DATA_DIR", home.resolve("data").toString());
    env.put("JUPYTER_RUNTIME_DIR", home.resolve("runtime").toString());
    env.put("JUPYTER_CONFIG_DIR", home.resolve("config").toString());
    env.put("IPYTHONDIR", home.resolve("ipython").toString());
    env.put("PYDEVD_DISABLE_FILE_VALIDATION", "1");
    env.put("PATH", "/usr/bin:/bin:" + env.getOrDefault("PATH", ""));
    env.putAll(variables);
    Process process = builder.start();
    if (!process.waitFor(timeoutSeconds, TimeUnit.SECONDS)) {
      process.descendants().forEach(ProcessHandle::destroyForcibly);
      process.destroyForcibly();
      throw new AssertionError(String.join(" ", command) + " took over " + timeoutSeconds + " s; stderr:\n"
          + Files.readString(err));
    }
    return new Result(process.exitValue(), Files.readString(out), Files.readString(err));
  }

  /** Starts {@code command} with this JUPYTER_PATH and leaves it running. */
  Process start(String... command) throws IOException {
    ProcessBuilder builder = new ProcessBuilder(command).directory(home.toFile())
        .redirectError(home.resolve("started-err.txt").toFile());
    Map<String, String> env = builder.environment();
    env.put("JUPYTER_PATH", home.resolve("share/jupyter").toString());
    env.put("JUPYTER_RUNTIME_DIR", home.resolve("runtime").toString());
    env.put("PATH", "/usr/bin:/bin:" + env.getOrDefault("PATH", ""));
    return builder.start();
  }

  public Path home() {
    return home;
  }

  public Path script(String name) {
    return SCRIPTS.resolve(name);
  }
}
