package dev.verity.kernel.cli;

import dev.verity.dsl.Compilation;
import dev.verity.dsl.Compiler;
import dev.verity.dsl.Environment;
import dev.verity.dsl.Overrides;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

/** {@code verity check FILE}: parse and check only; nothing runs and the tensor engine is not started. */
@Command(
    name = "check",
    description = {"Parses and checks an experiment file without running it.", "Exit status: 0 fine, 2 errors."})
final class CheckCommand implements Callable<Integer> {
  @Spec CommandSpec spec;

  @Parameters(paramLabel = "FILE", description = "the experiment file")
  String file;

  @Option(names = "--set", paramLabel = "name=value", description = "check with this override too (repeatable)")
  List<String> overrides = new ArrayList<>();

  @Override
  public Integer call() {
    SourceFile source = SourceFile.experiment(file, "check");
    Compilation checked = Compiler.compile(
        source.text(), source.name(), source.folder(), Environment.EMPTY, Overrides.parse(overrides));
    Terminal terminal = Terminal.of(spec);
    if (checked.ok()) {
      int statements = checked.plan().orElseThrow().steps().size();
      terminal.out().println(
          source.name() + ": ok (" + statements + (statements == 1 ? " statement)" : " statements)"));
      return Verity.DONE;
    }
    terminal.printErrors(checked.diagnostics());
    return Verity.BAD_INPUT;
  }
}
