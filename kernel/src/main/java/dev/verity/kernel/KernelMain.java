package dev.verity.kernel;

import dev.verity.engine.runtime.MklOnAmd;
import dev.verity.kernel.cell.CellEvaluator;
import dev.verity.kernel.jupyter.ConnectionFile;
import dev.verity.kernel.jupyter.KernelServer;
import dev.verity.kernel.jupyter.ParentWatch;
import java.io.PrintWriter;
import java.nio.file.Path;
import java.util.Optional;
import java.util.ServiceConfigurationError;

/**
 * The kernel process: {@code KernelMain <connection-file>}, as a kernelspec's argv starts it. Serves the
 * {@link KernelBackend} found on the class path until a shutdown request, or until the Jupyter process that
 * started it ({@code JPY_PARENT_PID}) dies. Exit status: 0 after a shutdown, 1 if it could not bind, 2 on bad
 * arguments or set-up, 3 if a thread it cannot answer without died ({@link KernelServer#THREAD_DIED}).
 */
public final class KernelMain {
  private KernelMain() {}

  public static void main(String[] args) {
    System.setProperty("java.awt.headless", "true"); // charts render to PNG on machines without a display
    MklOnAmd.install(); // before a cell starts the engine, as every verity command does (Verity.commandLine)
    System.exit(run(args, new PrintWriter(System.err, true)));
  }

  /**
   * What {@link #main} does, returning the exit status instead of exiting and telling what is wrong on {@code err}
   * ({@code verity kernel} calls it with its command line's).
   */
  public static int run(String[] args, PrintWriter err) {
    if (args.length != 1) {
      err.println("usage: verity kernel <connection-file>   (Jupyter starts it with {connection_file})");
      return 2;
    }
    ConnectionFile file;
    Optional<KernelBackend> backend;
    try {
      file = ConnectionFile.read(Path.of(args[0]));
      backend = KernelBackend.load();
    } catch (IllegalArgumentException | ServiceConfigurationError e) {
      err.println("verity kernel: " + e.getMessage());
      return 2;
    }
    if (backend.isEmpty()) {
      err.println("verity kernel: no language on the class path; the kernel needs a "
          + KernelBackend.class.getName() + " service (the dsl module provides Verity's)");
      return 2;
    }
    return serve(file, backend.get(), System.getenv("JPY_PARENT_PID"), err);
  }

  /** Serves {@code backend} on {@code file} until shut down; {@code parentPid} (may be null) is watched. */
  public static int serve(ConnectionFile file, KernelBackend backend, String parentPid, PrintWriter err) {
    CellEvaluator evaluator = backend.evaluator();
    try (evaluator;
        KernelServer server = KernelServer.start(file, evaluator, backend.magics(), backend.renderers(), version())) {
      ParentWatch.watch(parentPid, () -> {
        evaluator.interrupt(); // a running cell would otherwise hold the exit up
        server.stop();
      });
      server.awaitStop();
      return 0;
    } catch (IllegalStateException e) {
      err.println("verity kernel: " + e.getMessage());
      return 1;
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      return 1;
    }
  }

  /** The jar's implementation version, or {@code dev} when run from classes. */
  static String version() {
    String version = KernelMain.class.getPackage().getImplementationVersion();
    return version == null ? "dev" : version;
  }
}
