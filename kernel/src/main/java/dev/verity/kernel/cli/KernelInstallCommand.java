package dev.verity.kernel.cli;

import dev.verity.kernel.install.KernelInstaller;
import java.io.IOException;
import java.nio.file.Path;
import java.util.concurrent.Callable;
import picocli.CommandLine.ArgGroup;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/**
 * {@code verity kernel install [--user | --prefix P]}: writes the kernelspec {@code verity}, whose command starts
 * this jar ({@code java … -jar verity.jar kernel {connection_file}}) with the flags bin/verity uses.
 */
@Command(name = "install", description = "Installs the Jupyter kernelspec 'verity' (default: for this user).")
final class KernelInstallCommand implements Callable<Integer> {
  @Spec CommandSpec spec;

  @ArgGroup(exclusive = true)
  Target target;

  static final class Target {
    @Option(names = "--user", description = "into this user's Jupyter data folder (the default)")
    boolean user;

    @Option(names = "--prefix", paramLabel = "P", description = "into P/share/jupyter/kernels (an environment)")
    Path prefix;
  }

  @Override
  public Integer call() {
    Path kernels = target != null && target.prefix != null
        ? KernelInstaller.prefixKernels(target.prefix.toAbsolutePath().normalize())
        : KernelInstaller.userKernels(System.getenv(), Path.of(System.getProperty("user.home")));
    try {
      Path dir = KernelInstaller.install(kernels, Launch.command("kernel"));
      spec.commandLine().getOut().println("installed the Verity kernel in " + dir);
      return Verity.DONE;
    } catch (IOException e) {
      throw new CliException("could not install the kernel in " + kernels + ": " + e.getMessage(), Verity.FAILED);
    }
  }
}
