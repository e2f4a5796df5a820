package dev.verity.engine.bench;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.BufferedReader;
import java.io.BufferedWriter;
import java.io.IOException;
import java.io.InputStreamReader;
import java.io.OutputStreamWriter;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.TimeUnit;

/**
 * The PyTorch-eager reference ({@code bench/reference/gpt_eager.py}) as a child process, driven one command at
 * a time so that the benchmark can alternate between Verity and the reference on the same data. It runs with
 * Verity's thread count and environment (GOMP_SPINCOUNT included), and under tcmalloc when the library is
 * installed, as {@code bin/verity} runs Verity.
 */
final class Reference implements AutoCloseable {
  static final String SCRIPT = "bench/reference/gpt_eager.py";
  private static final List<String> TCMALLOC_DIRS =
      List.of("/usr/lib/x86_64-linux-gnu", "/usr/lib/aarch64-linux-gnu", "/usr/lib64", "/usr/lib");
  private static final ObjectMapper JSON = new ObjectMapper();

  private final Process process;
  private final BufferedWriter in;
  private final BufferedReader out;
  final String python;
  final String torchVersion;
  final String blas; // the BLAS library the reference's torch loaded, links resolved, and OpenBLAS's kernel set
  final String heldBack; // OPENBLAS_CORETYPE when the environment sets AVX2 kernels on a CPU with AVX-512, else ""
  final boolean tcmalloc;

  private Reference(Process process, String python, boolean tcmalloc, ObjectNode init) throws IOException {
    this.process = process;
    this.python = python;
    this.tcmalloc = tcmalloc;
    this.in = new BufferedWriter(new OutputStreamWriter(process.getOutputStream(), StandardCharsets.UTF_8));
    this.out = new BufferedReader(new InputStreamReader(process.getInputStream(), StandardCharsets.UTF_8));
    JsonNode started = call(init);
    this.torchVersion = started.path("torch").asText();
    String kernels = started.path("blas_kernels").asText("");
    this.blas = started.path("blas").asText("unknown") + (kernels.isEmpty() ? "" : " (" + kernels + " kernels)");
    this.heldBack = started.path("blas_kernels_held_back").asText("");
  }

  /** Thrown when the reference cannot run here; the message says why and how to fix it. */
  static final class Unavailable extends Exception {
    Unavailable(String message) {
      super(message);
    }
  }

  /**
   * Starts the reference under {@code home} (the repository root) with a model of this shape.
   *
   * @throws Unavailable when the script or a Python with torch is missing
   */
  static Reference start(Path home, int vocab, int layers, int heads, int dim, int context, int threads)
      throws Unavailable, IOException {
    Path script = home.resolve(SCRIPT);
    if (!Files.isRegularFile(script)) {
      throw new Unavailable("the reference " + script + " is missing: run bench from the repository (bin/verity"
          + " bench --reference) or set -Dverity.home to the repository root");
    }
    String python = pythonWithTorch().orElseThrow(() -> new Unavailable(
        "no Python with PyTorch found: install Debian's python3-torch (apt-get install -y python3-torch"
            + " libopenblas0-openmp libtcmalloc-minimal4), or set VERITY_PYTHON to a python that imports torch"));
    ProcessBuilder builder = new ProcessBuilder(python, script.toString());
    Map<String, String> env = builder.environment();
    Optional<Path> tcmalloc = tcmalloc();
    tcmalloc.ifPresent(lib -> env.put("LD_PRELOAD", lib.toString()));
    env.put("OMP_NUM_THREADS", Integer.toString(threads));
    builder.redirectError(ProcessBuilder.Redirect.INHERIT);
    ObjectNode init = JSON.createObjectNode().put("cmd", "init").put("vocab", vocab).put("layers", layers)
        .put("heads", heads).put("dim", dim).put("context", context).put("threads", threads).put("seed", 1);
    return new Reference(builder.start(), python, tcmalloc.isPresent(), init);
  }

  /** Seconds of one sampling run, measured by the reference around the work alone. */
  double sample(List<int[]> prompts, int newTokens) throws IOException {
    ObjectNode msg = JSON.createObjectNode().put("cmd", "sample").put("new_tokens", newTokens);
    msg.set("prompts", JSON.valueToTree(prompts));
    return call(msg).path("seconds").asDouble();
  }

  /** Seconds of one policy-gradient step on these sequences. */
  double train(List<int[]> prompts, List<int[]> responses, float[] advantages) throws IOException {
    ObjectNode msg = JSON.createObjectNode().put("cmd", "train");
    msg.set("prompts", JSON.valueToTree(prompts));
    msg.set("responses", JSON.valueToTree(responses));
    msg.set("advantages", JSON.valueToTree(advantages));
    return call(msg).path("seconds").asDouble();
  }

  /** The reference process's resident memory now and at its peak, in MB. */
  Memory memory() throws IOException {
    JsonNode reply = call(JSON.createObjectNode().put("cmd", "rss"));
    return new Memory(reply.path("rss_mb").asLong(), reply.path("rss_peak_mb").asLong(-1));
  }

  record Memory(long rssMb, long peakMb) {}

  /**
   * Netlib's reference BLAS (Debian's libblas3, what python3-torch pulls in alone) rather than an optimised one:
   * the reference then trains ~24× slower than with OpenBLAS, and a ratio against it says nothing.
   */
  boolean slowBlas() {
    return blas.contains("/blas/libblas.so");
  }

  private JsonNode call(ObjectNode message) throws IOException {
    in.write(JSON.writeValueAsString(message));
    in.newLine();
    in.flush();
    String line = out.readLine();
    if (line == null) {
      throw new IOException("the reference exited (status " + waitForExit() + "); its errors are above");
    }
    JsonNode reply = JSON.readTree(line);
    if (reply.has("error")) {
      throw new IOException("the reference failed: " + reply.get("error").asText());
    }
    return reply;
  }

  private int waitForExit() {
    try {
      return process.waitFor(10, TimeUnit.SECONDS) ? process.exitValue() : -1;
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      return -1;
    }
  }

  /** $VERITY_PYTHON, else Debian's /usr/bin/python3, else python3 on the PATH: the first that imports torch. */
  private static Optional<String> pythonWithTorch() {
    List<String> candidates = new ArrayList<>();
    String chosen = System.getenv("VERITY_PYTHON");
    if (chosen != null && !chosen.isBlank()) {
      candidates.add(chosen);
    }
    candidates.add("/usr/bin/python3");
    candidates.add("python3");
    for (String python : candidates) {
      try {
        Process probe = new ProcessBuilder(python, "-c", "import torch").redirectErrorStream(true).start();
        probe.getInputStream().readAllBytes();
        if (probe.waitFor(60, TimeUnit.SECONDS) && probe.exitValue() == 0) {
          return Optional.of(python);
        }
      } catch (IOException e) {
        // not installed under this name: try the next
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
        return Optional.empty();
      }
    }
    return Optional.empty();
  }

  /** Debian's libtcmalloc_minimal.so.4 (package libtcmalloc-minimal4), where installed. */
  static Optional<Path> tcmalloc() {
    return TCMALLOC_DIRS.stream().map(d -> Path.of(d, "libtcmalloc_minimal.so.4")).filter(Files::isRegularFile)
        .findFirst();
  }

  @Override
  public void close() {
    try {
      in.close(); // end of input: the reference's loop ends and it exits
    } catch (IOException e) {
      // already gone
    }
    if (waitForExit() < 0) {
      process.destroyForcibly();
    }
  }
}
