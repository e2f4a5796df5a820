package dev.verity.kernel.install;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class KernelInstallerTest {
  private static final ObjectMapper JSON = new ObjectMapper();
  @TempDir Path temp;

  @Test
  void kernelJsonStartsTheJavaKernelWithItsEnvironmentAndMessageInterrupts() throws IOException {
    List<String> command = KernelInstaller.javaCommand(Path.of("/opt/java/bin/java"), "/opt/verity/verity.jar");
    Path dir = KernelInstaller.install(KernelInstaller.prefixKernels(temp), command, KernelInstaller.ENV);
    assertEquals(temp.resolve("share/jupyter/kernels/verity"), dir);

    JsonNode spec = JSON.readTree(dir.resolve("kernel.json").toFile());
    List<String> argv = new ArrayList<>();
    spec.path("argv").forEach(a -> argv.add(a.asText()));
    assertEquals("/opt/java/bin/java", argv.get(0));
    assertEquals(List.of("-cp", "/opt/verity/verity.jar", "dev.verity.kernel.KernelMain", "{connection_file}"),
        argv.subList(argv.size() - 4, argv.size()));
    assertTrue(argv.contains("-Djava.awt.headless=true"));
    assertEquals("Verity", spec.path("display_name").asText());
    assertEquals("verity", spec.path("language").asText());
    assertEquals("message", spec.path("interrupt_mode").asText());
    assertEquals(Map.of("DJL_OFFLINE", "true", "OPT_OUT_TRACKING", "true", "MALLOC_ARENA_MAX", "1",
        "MALLOC_TRIM_THRESHOLD_", "4294967296", "MALLOC_MMAP_THRESHOLD_", "33554432", "MKL_CBWR", "AUTO", "GOMP_SPINCOUNT", "3000"),
        JSON.convertValue(spec.path("env"), Map.class));
    try (InputStream js = KernelInstaller.class.getResourceAsStream("kernel.js")) {
      assertArrayEquals(js.readAllBytes(), Files.readAllBytes(dir.resolve("kernel.js")));
    }
  }

  /**
   * bin/verity is a shell script and cannot read these lists, so it writes them out a second time: a headless run
   * and a notebook must start their JVM and native libraries the same way, or one gives other numbers or speeds.
   */
  @Test
  void theLauncherStartsEveryRunLikeTheKernel() throws IOException {
    String launcher = Files.readString(Path.of("../bin/verity"));
    int start = launcher.indexOf("java_flags=(");
    String flags = launcher.substring(start, launcher.indexOf("\n)\n", start));
    for (String flag : KernelInstaller.JVM_FLAGS) {
      assertTrue(flags.contains("\n  " + flag + "\n") || flags.contains("\n  " + flag + " "),
          "bin/verity lacks " + flag);
    }
    KernelInstaller.ENV.forEach((name, value) -> {
      String export = "export " + name + "=";
      assertTrue(launcher.contains(export + value + "\n") || launcher.contains(export + value + " ")
          || launcher.contains(export + "${" + name + ":-" + value + "}"), "bin/verity does not export " + name + "=" + value);
    });
  }

  @Test
  void theKernelPreloadsTcmallocWhereItIsInstalledAsBinVerityDoes() throws IOException {
    Path none = Files.createDirectories(temp.resolve("none"));
    Path lib = Files.createDirectories(temp.resolve("lib"));
    Files.writeString(lib.resolve(KernelInstaller.TCMALLOC), "");
    Map<String, String> preloaded = KernelInstaller.environment(Map.of(), List.of(none, lib));
    assertEquals(lib.resolve(KernelInstaller.TCMALLOC).toString(), preloaded.get("LD_PRELOAD"));
    assertEquals(KernelInstaller.ENV, without(preloaded, "LD_PRELOAD"), "and the rest as ever");
    assertEquals(KernelInstaller.ENV, KernelInstaller.environment(Map.of(), List.of(none)), "not installed: glibc");
    assertEquals(KernelInstaller.ENV, KernelInstaller.environment(Map.of("VERITY_MALLOC", "glibc"), List.of(lib)),
        "VERITY_MALLOC=glibc chooses glibc, as in bin/verity");

    Path dir = KernelInstaller.install(KernelInstaller.prefixKernels(temp), List.of("java"), preloaded);
    assertEquals(lib.resolve(KernelInstaller.TCMALLOC).toString(),
        JSON.readTree(dir.resolve("kernel.json").toFile()).path("env").path("LD_PRELOAD").asText());
    String launcher = Files.readString(Path.of("../bin/verity"));
    for (Path folder : KernelInstaller.LIBRARY_FOLDERS) {
      assertTrue(launcher.contains(" " + folder + " ") || launcher.contains(" " + folder + ";"),
          "bin/verity looks for tcmalloc in " + folder + " too");
    }
    assertTrue(launcher.contains(KernelInstaller.TCMALLOC));
  }

  private static Map<String, String> without(Map<String, String> env, String name) {
    Map<String, String> rest = new java.util.LinkedHashMap<>(env);
    rest.remove(name);
    return rest;
  }

  @Test
  void reinstallingReplacesTheSpec() throws IOException {
    Path kernels = KernelInstaller.prefixKernels(temp);
    KernelInstaller.install(kernels, List.of("old-java"));
    Path dir = KernelInstaller.install(kernels, List.of("new-java"));
    assertEquals("new-java", JSON.readTree(dir.resolve("kernel.json").toFile()).path("argv").get(0).asText());
  }

  @Test
  void theUserFolderFollowsJupytersRules() {
    Path home = Path.of("/home/ada");
    assertEquals(Path.of("/home/ada/.local/share/jupyter/kernels"), KernelInstaller.userKernels(Map.of(), home));
    assertEquals(Path.of("/xdg/jupyter/kernels"), KernelInstaller.userKernels(Map.of("XDG_DATA_HOME", "/xdg"), home));
    assertEquals(Path.of("/data/kernels"), KernelInstaller.userKernels(
        Map.of("JUPYTER_DATA_DIR", "/data", "XDG_DATA_HOME", "/xdg"), home));
  }

  @Test
  void theCommandLineInstallsForThisJvmUnderAPrefixOrTheUser() throws IOException {
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    ByteArrayOutputStream err = new ByteArrayOutputStream();
    int status = KernelInstaller.run(new String[] {"--prefix", temp.toString()}, Map.of(), temp.resolve("home"),
        new PrintStream(out, true, StandardCharsets.UTF_8), new PrintStream(err, true, StandardCharsets.UTF_8));
    assertEquals(0, status, err::toString);
    Path spec = temp.resolve("share/jupyter/kernels/verity/kernel.json");
    assertTrue(out.toString(StandardCharsets.UTF_8).contains(spec.getParent().toString()));
    String argv = JSON.readTree(spec.toFile()).path("argv").toString();
    assertTrue(argv.contains(System.getProperty("java.home")), argv);

    assertEquals(0, KernelInstaller.run(new String[] {"--user"}, Map.of(), temp.resolve("home"),
        new PrintStream(out, true, StandardCharsets.UTF_8), new PrintStream(err, true, StandardCharsets.UTF_8)));
    assertTrue(Files.exists(temp.resolve("home/.local/share/jupyter/kernels/verity/kernel.json")));
  }

  @Test
  void badOptionsAreRefusedWithTheUsage() {
    ByteArrayOutputStream err = new ByteArrayOutputStream();
    int status = KernelInstaller.run(new String[] {"--prefx", "/tmp"}, Map.of(), temp,
        new PrintStream(new ByteArrayOutputStream(), true, StandardCharsets.UTF_8),
        new PrintStream(err, true, StandardCharsets.UTF_8));
    assertEquals(2, status);
    assertTrue(err.toString(StandardCharsets.UTF_8)
        .startsWith("usage: verity kernel install [--user | --prefix P]   (default --user); got: --prefx /tmp"));
  }

  @Test
  void kernelJsHighlightsTheDslInCodeMirror() throws Exception {
    Path node = Path.of("/usr/bin/node");
    assumeTrue(Files.isExecutable(node), "node is needed to load kernel.js");
    Path kernelJs = KernelInstaller.install(KernelInstaller.prefixKernels(temp), List.of("java")).resolve("kernel.js");
    Process process = new ProcessBuilder(node.toString(), Path.of("src/test/js/tokenize.js").toString(),
        kernelJs.toString(),
        "reward tidy = correct + 0.1 * format(re\"^[0-9+=|c ]*$\")  # raw regex",
        "%seed 7",
        "rl policy on add { steps: 300",
        "lr: cosine(1e-3 -> 1e-4, warmup: 100)",
        "task add_test = addition(digits: 2..6, count: 256)")
        .redirectErrorStream(true).start();
    String output = new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
    assertEquals(0, process.waitFor(), output);
    JsonNode result = JSON.readTree(output);
    assertEquals("verity", result.path("mode").asText());
    assertEquals("[\"text/x-verity\",\"verity\"]", result.path("mime").toString());
    JsonNode lines = result.path("lines");
    assertEquals("[[\"reward\",\"keyword\"],[\"tidy\",\"variable\"],[\"=\",\"operator\"],[\"correct\",\"variable\"],"
        + "[\"+\",\"operator\"],[\"0.1\",\"number\"],[\"*\",\"operator\"],[\"format\",\"variable\"],"
        + "[\"re\\\"^[0-9+=|c ]*$\\\"\",\"string-2\"],[\"# raw regex\",\"comment\"]]", lines.get(0).toString());
    assertEquals("[[\"%seed\",\"meta\"],[\"7\",\"number\"]]", lines.get(1).toString());
    assertEquals("[[\"rl\",\"keyword\"],[\"policy\",\"variable\"],[\"on\",\"keyword\"],[\"add\",\"variable\"],"
        + "[\"steps\",\"variable\"],[\":\",\"operator\"],[\"300\",\"number\"]]", lines.get(2).toString());
    assertTrue(lines.get(3).toString().contains("[\"1e-3\",\"number\"],[\"->\",\"operator\"],[\"1e-4\",\"number\"]"),
        lines.get(3).toString());
    assertTrue(lines.get(4).toString().startsWith("[[\"task\",\"keyword\"],[\"add_test\",\"variable\"]"),
        "keywords inside names are not highlighted: " + lines.get(4));
    assertTrue(lines.get(4).toString().contains("[\"2\",\"number\"],[\"..\",\"operator\"],[\"6\",\"number\"]"),
        lines.get(4).toString());
  }
}
