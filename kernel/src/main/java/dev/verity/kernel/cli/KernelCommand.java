package dev.verity.kernel.cli;

import dev.verity.kernel.KernelMain;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.ParameterException;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

/** {@code verity kernel CONNECTION_FILE} serves Jupyter; {@code verity kernel install} registers the kernelspec. */
@Command(
    name = "kernel",
    description = "Starts the Jupyter kernel on a connection file (Jupyter does this), or installs its kernelspec.",
    subcommands = KernelInstallCommand.class)
final class KernelCommand implements Callable<Integer> {
  @Spec CommandSpec spec;

  @Parameters(paramLabel = "CONNECTION_FILE", arity = "0..1",
      description = "the connection file Jupyter writes ({connection_file} in the kernelspec)")
  String connectionFile;

  @Override
  public Integer call() {
    if (connectionFile == null) {
      throw new ParameterException(spec.commandLine(),
          "give the connection file Jupyter passes, or `verity kernel install` to register the kernel");
    }
    return KernelMain.run(new String[] {connectionFile}, spec.commandLine().getErr());
  }
}
