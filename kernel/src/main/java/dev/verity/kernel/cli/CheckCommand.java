package dev.verity.kernel.cli;

import dev.verity.dsl.Compilation;
import dev.verity.dsl.Compiler;
import dev.verity.dsl.Environment;
import dev.verity.dsl.Overrides;
import dev.verity.dsl.diag.Reporter;
import dev.verity.dsl.exec.PlanChecks;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Callable;
import dev.verity.engine.user.JavaClasses;
import dev.verity.kernel.jshell.RecordedJavaCells;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

/**
 * {@code verity check FILE}: parse, check, and run the file's {@code check} statements (a reward on a written
 * response: cheap); no stage runs and the tensor engine is not started.
 */
@Command(
    name = "check",
    description = {"Parses and checks an experiment file and runs its check statements, without training.",
        "Warnings (settings that run but cannot learn) are printed and leave the exit status 0.",
        "Exit status: 0 fine, 1 a check statement fails, 2 errors."})
final class CheckCommand implements Callable<Integer> {
  @Spec CommandSpec spec;

  @Parameters(paramLabel = "FILE", description = "the experiment file")
  String file;

  @Option(names = "--set", paramLabel = "name=value", description = "check with this override too (repeatable)")
  List<String> overrides = new ArrayList<>();

  @Mixin ClasspathOption classpath;

  @Override
  public Integer call() {
    try (JavaClasses.Registration classes = classpath.use()) {
      return check();
    }
  }

  private Integer check() {
    Overrides.givenTwice(overrides).ifPresent(twice -> {
      throw new CliException(twice);
    });
    SourceFile source = SourceFile.experiment(file, "check");
    try (RecordedJavaCells java = SessionJava.define(Terminal.of(spec), source.text(), source.name(), false,
        Verity.BAD_INPUT, false)) {
      return check(source);
    }
  }

  private Integer check(SourceFile source) {
    Compilation checked = Compiler.compile(
        source.text(), source.name(), source.folder(), Environment.EMPTY, Overrides.parse(overrides));
    Terminal terminal = Terminal.of(spec);
    terminal.printWarnings(checked.warnings());
    if (checked.ok()) {
      List<PlanChecks.Failure> failed = PlanChecks.failures(checked.plan().orElseThrow());
      if (!failed.isEmpty()) {
        Reporter reporter = new Reporter().source(source.name(), source.text());
        failed.forEach(f -> reporter.error(f.span(), f.message()));
        terminal.err().println(reporter.diagnostics().render());
        terminal.err().println(failed.size() + (failed.size() == 1 ? " check fails" : " checks fail"));
        terminal.err().flush();
        return Verity.FAILED;
      }
      int statements = checked.plan().orElseThrow().steps().size();
      terminal.out().println(
          source.name() + ": ok (" + statements + (statements == 1 ? " statement)" : " statements)"));
      return Verity.DONE;
    }
    terminal.printErrors(checked.diagnostics());
    return Verity.BAD_INPUT;
  }
}
