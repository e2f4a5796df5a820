package dev.verity.kernel.cli;

import java.util.List;
import java.util.stream.Collectors;
import picocli.CommandLine;
import picocli.CommandLine.Model.PositionalParamSpec;

/**
 * What to say when a command gets more arguments than it takes, most often an unquoted path with a space in it.
 * picocli says "Unmatched argument at index 2", counting the command's own name, which does not tell the user what
 * the command takes.
 */
final class SurplusArguments {
  private SurplusArguments() {}

  static String message(CommandLine command, List<String> surplus) {
    String name = command.getCommandSpec().qualifiedName();
    List<PositionalParamSpec> positionals = command.getCommandSpec().positionalParameters();
    String takes = positionals.isEmpty() ? "only options"
        : positionals.stream().map(p -> p.paramLabel() + (p.arity().max() > 1 ? "…" : ""))
            .collect(Collectors.joining(" "));
    String what = surplus.stream().map(a -> "'" + a + "'").collect(Collectors.joining(" "));
    return "`" + name + "` takes " + takes + "; " + what + (surplus.size() == 1 ? " is one more" : " are more")
        + ": quote a path with spaces (\"my experiment.verity\"), and put a setting after --set; see `" + name
        + " --help`";
  }
}
