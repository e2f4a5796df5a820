package dev.verity.kernel.cli;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

/** {@code verity run FILE [--out DIR] [--set name=value]…}. */
@Command(
    name = "run",
    description = {
      "Runs an experiment file headless and records it in a new run directory.",
      "Exit status: 0 done, 1 failed or interrupted at run time, 2 the file has errors (nothing ran).",
      "Ctrl-C stops after the step in flight and checkpoints; a second Ctrl-C quits at once."
    })
final class RunCommand implements Callable<Integer> {
  @Spec CommandSpec spec;

  @Parameters(paramLabel = "FILE", description = "the experiment file; paths in it are relative to its folder")
  String file;

  @Option(names = "--out", paramLabel = "DIR", description = "the folder run directories go in (default: runs)")
  Path out = Path.of("runs");

  @Option(names = "--set", paramLabel = "name=value",
      description = "override a setting, e.g. rl.steps=20, explore.per_prompt=4, experiment.seed=3 (repeatable)")
  List<String> overrides = new ArrayList<>();

  @Override
  public Integer call() {
    SourceFile source = SourceFile.read(file);
    return new HeadlessRun(Terminal.of(spec), StopSwitch.PROCESS)
        .run(new HeadlessRun.Request(source.text(), source.name(), source.folder(), overrides, out, 0, false))
        .exitCode();
  }
}
