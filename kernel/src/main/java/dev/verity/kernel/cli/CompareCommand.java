package dev.verity.kernel.cli;

import dev.verity.engine.run.RunFormatException;
import dev.verity.kernel.render.Renderers;
import dev.verity.kernel.sweep.Comparison;
import dev.verity.kernel.sweep.DamagedRun;
import dev.verity.kernel.sweep.Summaries;
import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Callable;
import java.util.stream.Collectors;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

/** {@code verity compare DIR…}: the final evaluations of sweeps' variants or of runs, and each pair's difference. */
@Command(
    name = "compare",
    description = {
      "Compares the final evaluations of variants: each sweep's variants, and run directories grouped by"
          + " experiment, source and overrides other than the seed, in any order (give runs, or folders of runs such"
          + " as runs/ or a sweep's runs/). A run named twice counts once.",
      "For each variant and evaluation: the mean over its done runs with a 95%% confidence interval (Student's t)."
          + " For each pair: the difference b − a with its 95%% interval, seed by seed (paired t) when both ran the"
          + " same seeds once each, else by Welch's t; 'not distinguishable' where the interval contains 0.",
      "Exit status: 0 compared, 2 nothing to compare or a wrong command line."
    })
final class CompareCommand implements Callable<Integer> {
  @Spec CommandSpec spec;

  @Parameters(paramLabel = "DIR", arity = "1..*", description = "sweep directories, run directories, or folders"
      + " of run directories")
  List<Path> dirs = new ArrayList<>();

  @Option(names = "--metric", paramLabel = "NAME", description = "the evaluation figure compared: accuracy"
      + " (default), or another of eval.csv's, such as pass_at_k, response_len_mean or reflect_rate (repeatable)")
  List<String> metrics = new ArrayList<>();

  @Override
  public Integer call() throws IOException {
    Terminal terminal = Terminal.of(spec);
    List<String> figures = metrics.isEmpty() ? List.of("accuracy") : metrics;
    for (String figure : figures) {
      if (!Summaries.EVAL_METRICS.contains(figure)) {
        throw new CliException("--metric " + figure + ": evaluations record "
            + String.join(", ", Summaries.EVAL_METRICS));
      }
    }
    List<String> notes = new ArrayList<>();
    List<Summaries.Group> groups;
    try {
      groups = Comparison.groups(dirs, notes);
    } catch (Comparison.BadInput e) {
      throw new CliException(e.getMessage());
    }
    notes.forEach(n -> terminal.err().println("verity: note: " + n));
    terminal.err().flush();
    Comparison.Result result;
    try {
      result = Comparison.compare(groups, figures);
    } catch (RunFormatException e) { // a row edited or cut by hand: the file and line, and what to do
      throw new CliException(DamagedRun.message(e));
    }
    if (!result.evaluated()) {
      throw new CliException("the runs recorded no evaluation (eval.csv is empty): add an eval statement, or a"
          + " periodic eval to a stage");
    }
    if (result.means().rowCount() == 0) { // evaluations, but none with a value of any figure asked for
      throw new CliException(result.unmeasured().stream().map(u -> "--metric " + u)
          .collect(Collectors.joining("\nverity: ")));
    }
    result.unmeasured().forEach(u -> terminal.err().println("verity: note: left out --metric " + u));
    terminal.err().flush();
    Renderers renderers = Renderers.standard();
    terminal.out().println(renderers.render(result.means()).text());
    if (result.differences().rowCount() > 0) {
      terminal.out().println();
      terminal.out().println(renderers.render(result.differences()).text());
    } else {
      terminal.out().println("(one variant: nothing to compare it with)");
    }
    terminal.out().flush();
    return Verity.DONE;
  }
}
