package dev.verity.kernel.cli;

import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.ParameterException;
import picocli.CommandLine.Spec;

/** {@code verity notebook build|check}: keeps each notebook and its {@code .verity} twin in step. */
@Command(
    name = "notebook",
    description = "Builds notebooks from their .verity twins, or checks that they still match.",
    subcommands = {NotebookBuildCommand.class, NotebookCheckCommand.class})
final class NotebookCommand implements Callable<Integer> {
  @Spec CommandSpec spec;

  @Override
  public Integer call() {
    throw new ParameterException(spec.commandLine(),
        "name a subcommand: `verity notebook build FILE.verity…` or `verity notebook check FILE.ipynb…`");
  }
}
