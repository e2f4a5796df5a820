package dev.verity.engine.runtime;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.Optional;
import java.util.concurrent.TimeUnit;

/**
 * MKL's fast kernels on AMD processors.
 *
 * <p>The MKL inside libtorch runs its matrix products with kernels for the CPU's instruction sets (AVX2, AVX-512)
 * only on CPUs it takes for Intel's; every other x86 CPU gets a generic path. On an AMD EPYC of family 26 (Zen 5,
 * AVX-512) the generic path multiplied the model's matrices at ~150 GFLOP/s, the AVX-512 kernels at ~320, and
 * training ran ~1.7x slower (docs/performance.md). MKL asks one exported function, {@code mkl_serv_intel_cpu_true},
 * whether the CPU is Intel's. A small library that defines it to answer yes, loaded into the process's global scope
 * before libtorch, is found first when libtorch resolves that name; MKL then picks kernels by the CPU's instruction
 * sets, as on Intel.
 *
 * <p>Only on AMD: on Intel MKL already answers yes, so nothing is loaded and nothing changes. The kernels change the
 * numbers (their last bits at first, then more as training goes on; run to run they stay the same), so every
 * Verity process does this the same way before the engine starts ({@link #install}: every command, the Jupyter
 * kernel, a sweep's runs), and the manifest records which path MKL took. {@value #VARIABLE}{@code =generic} keeps
 * the generic path (the numbers of runs made on AMD before this existed). The library is compiled once with the
 * system's C compiler into Verity's natives folder; without one, MKL keeps the generic path and the manifest says
 * why.
 */
public final class MklOnAmd {
  /** {@code generic} keeps MKL's path for CPUs that are not Intel's. */
  public static final String VARIABLE = "VERITY_MKL_KERNELS";

  /**
   * The library: MKL's question answered, and a constructor that moves the library into the process's global scope
   * as it loads (the JVM's {@code System.load} opens libraries locally, where libtorch would not see it; glibc's
   * dlopen with RTLD_NOLOAD | RTLD_GLOBAL promotes a library already loaded).
   */
  static final String SOURCE = """
      /* Verity (MklOnAmd.java): answers MKL's question whether this CPU is Intel's, so that it picks its kernels
         by the CPU's instruction sets, and puts itself in the global scope, where libtorch looks first. */
      #define _GNU_SOURCE
      #include <dlfcn.h>
      int mkl_serv_intel_cpu_true(void) { return 1; }
      __attribute__((constructor)) static void into_global_scope(void) {
        Dl_info self;
        if (dladdr((void *) &mkl_serv_intel_cpu_true, &self) && self.dli_fname) {
          dlopen(self.dli_fname, RTLD_NOW | RTLD_NOLOAD | RTLD_GLOBAL);
        }
      }
      """;

  /** What the manifest records when MKL picks kernels by instruction set. */
  public static final String BY_INSTRUCTION_SET = "by instruction set";

  private static final long COMPILE_TIMEOUT_S = 60;

  private static Optional<String> outcome; // null until install has run

  private MklOnAmd() {}

  /**
   * On an AMD CPU, loads the library before libtorch (once per process; later calls return the first outcome).
   *
   * @return which path MKL takes, for the manifest: empty on a CPU that is not AMD's, else {@value
   *     #BY_INSTRUCTION_SET} or {@code generic (why)}
   */
  public static synchronized Optional<String> install() {
    if (outcome == null) {
      outcome = Optional.ofNullable(decide(cpuVendor(), System.getenv(VARIABLE), libtorchLoaded(), natives()));
    }
    return outcome;
  }

  /** Which path MKL takes in this process, as {@link #install} said; on AMD without it, generic. */
  public static synchronized Optional<String> current() {
    if (outcome != null) {
      return outcome;
    }
    return "AuthenticAMD".equals(cpuVendor()) ? Optional.of("generic (this process did not load Verity's library)")
        : Optional.empty();
  }

  /**
   * What to tell someone who reruns a run whose MKL took {@code recorded} path ({@code versions.natives.mkl_kernels}:
   * absent on Intel and before this class existed) where it takes {@code here}: empty when the two compute alike
   * (Intel's kernels and the AMD kernels by instruction set gave the same bits in this project's checks).
   */
  public static Optional<String> rerunNote(String recorded, Optional<String> here) {
    if (recorded == null) {
      return Optional.empty(); // made on Intel, or before the manifest said: nothing to compare
    }
    boolean recordedByInstructionSet = BY_INSTRUCTION_SET.equals(recorded);
    boolean hereByInstructionSet = here.map(BY_INSTRUCTION_SET::equals).orElse(true); // not AMD: Intel's kernels
    if (recordedByInstructionSet == hereByInstructionSet) {
      return Optional.empty();
    }
    return Optional.of("the run's MKL took " + path(recorded) + ", here it takes "
        + path(here.orElse(BY_INSTRUCTION_SET)) + ": the numbers will differ (" + (recordedByInstructionSet
            ? "install a C compiler, cc, so Verity can build its library)"
            : VARIABLE + "=generic reruns it on the generic path)"));
  }

  /** {@code its kernels by instruction set}, or {@code its generic path (why)}. */
  private static String path(String outcome) {
    return BY_INSTRUCTION_SET.equals(outcome) ? "its kernels by instruction set"
        : outcome.replaceFirst("^generic", "its generic path");
  }

  /** The decision and its work, from what it depends on: null when the CPU is not AMD's. */
  static String decide(String vendor, String variable, boolean libtorchLoaded, Path natives) {
    if (!"AuthenticAMD".equals(vendor)) {
      return null;
    }
    if ("generic".equals(variable)) {
      return "generic (" + VARIABLE + "=generic)";
    }
    if (libtorchLoaded) {
      return "generic (libtorch was loaded before Verity could load its library)";
    }
    try {
      System.load(build(natives).toString());
      return BY_INSTRUCTION_SET;
    } catch (IOException e) {
      return "generic (could not build Verity's library in " + natives + ": " + e.getMessage() + ")";
    } catch (UnsatisfiedLinkError e) {
      return "generic (could not load Verity's library: " + e.getMessage() + ")";
    }
  }

  /**
   * The library in {@code natives}, compiled from {@link #SOURCE} when it is not there yet. Its name carries the
   * source's hash code (String's, fixed by its specification), so an edited source is compiled anew. It is
   * compiled under a temporary name and renamed, so processes starting together (a sweep's runs) never load a
   * half-written one.
   */
  static Path build(Path natives) throws IOException {
    Path library = natives.resolve("libverity-mkl-intel-check-" + Integer.toHexString(SOURCE.hashCode()) + ".so");
    if (Files.isRegularFile(library)) {
      return library;
    }
    Files.createDirectories(natives);
    Path source = Files.createTempFile(natives, "mkl-intel-check-", ".c");
    Path partial = Files.createTempFile(natives, "mkl-intel-check-", ".so.partial");
    Path said = Files.createTempFile(natives, "mkl-intel-check-", ".log");
    try {
      Files.writeString(source, SOURCE);
      Process cc = new ProcessBuilder("cc", "-shared", "-fPIC", "-O2", "-o", partial.toString(), source.toString(),
              "-ldl")
          .redirectErrorStream(true).redirectOutput(said.toFile()).start();
      if (!cc.waitFor(COMPILE_TIMEOUT_S, TimeUnit.SECONDS)) {
        cc.destroyForcibly();
        throw new IOException("the C compiler took over " + COMPILE_TIMEOUT_S + " s");
      }
      if (cc.exitValue() != 0) {
        throw new IOException("cc failed: " + Files.readString(said).strip());
      }
      Files.move(partial, library, StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
      return library;
    } catch (IOException e) {
      if (e.getMessage() != null && e.getMessage().contains("error=2")) { // ProcessBuilder: no such file
        throw new IOException("no C compiler (cc) to build its library; install gcc", e);
      }
      throw e;
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IOException("interrupted while compiling", e);
    } finally {
      Files.deleteIfExists(source);
      Files.deleteIfExists(partial);
      Files.deleteIfExists(said);
    }
  }

  /** {@code VERITY_NATIVES}, else {@code ~/.verity/natives}: where bin/verity keeps the JNI it builds, too. */
  static Path natives() {
    String set = System.getenv("VERITY_NATIVES");
    return set != null && !set.isBlank() ? Path.of(set)
        : Path.of(System.getProperty("user.home"), ".verity", "natives");
  }

  /** The CPU's vendor as /proc/cpuinfo names it ({@code GenuineIntel}, {@code AuthenticAMD}); empty elsewhere. */
  static String cpuVendor() {
    try {
      for (String line : Files.readAllLines(Path.of("/proc/cpuinfo"))) {
        if (line.startsWith("vendor_id")) {
          return line.substring(line.indexOf(':') + 1).strip();
        }
      }
    } catch (IOException | RuntimeException e) {
      // not Linux, or no /proc: not a machine this concerns
    }
    return "";
  }

  private static boolean libtorchLoaded() {
    try {
      return Files.readString(Path.of("/proc/self/maps")).contains("libtorch_cpu");
    } catch (IOException | RuntimeException e) {
      return false;
    }
  }
}
