package dev.verity.kernel.cli;

import dev.verity.engine.run.Manifest;
import dev.verity.engine.runtime.MklOnAmd;
import java.io.PrintWriter;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.IParameterExceptionHandler;
import picocli.CommandLine.IVersionProvider;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.ScopeType;
import picocli.CommandLine.ParameterException;
import picocli.CommandLine.UnmatchedArgumentException;
import picocli.CommandLine.Spec;

/**
 * The {@code verity} command line: {@code run}, {@code check}, {@code replay}, {@code sweep}, {@code compare},
 * {@code kernel}, {@code notebook} and {@code bench}.
 * Exit status: {@value #DONE} done, {@value #FAILED} failed (or stopped) at run time, {@value #BAD_INPUT} the
 * file has errors or the command line is wrong. No input ends in a Java stack trace.
 */
@Command(
    name = "verity",
    mixinStandardHelpOptions = true,
    scope = ScopeType.INHERIT, // every subcommand gets --help (and --version)
    versionProvider = Verity.Version.class,
    description = "Reinforcement learning with verifiable rewards on small language models.",
    subcommands = {
      RunCommand.class, CheckCommand.class, ReplayCommand.class, SweepCommand.class, CompareCommand.class,
      KernelCommand.class, NotebookCommand.class, BenchCommand.class, CommandLine.HelpCommand.class
    })
public final class Verity implements Runnable {
  public static final int DONE = 0;
  public static final int FAILED = 1;
  public static final int BAD_INPUT = 2;

  @Spec CommandSpec spec;

  @Override
  public void run() {
    throw new ParameterException(spec.commandLine(),
        "name a command: run, check, replay, sweep, compare, kernel, notebook or bench");
  }

  public static void main(String[] args) {
    System.setProperty("java.awt.headless", "true"); // charts render to PNG on machines without a display
    StopSwitch.PROCESS.catchSigint();
    RebuiltJar.preload();
    int status;
    try {
      status = commandLine(new PrintWriter(System.out, true), new PrintWriter(System.err, true)).execute(args);
    } catch (Throwable fatal) { // an Error picocli lets through (out of memory, a native library): still one line
      System.err.println("verity: " + Failures.message(fatal));
      status = FAILED;
    }
    System.exit(status);
  }

  /** The command line writing to {@code out} and {@code err}, for {@code execute(args)}; tests use it in-process. */
  public static CommandLine commandLine(PrintWriter out, PrintWriter err) {
    MklOnAmd.install(); // before anything starts the engine: every command, the kernel and a sweep's runs alike
    CommandLine cli = new CommandLine(new Verity());
    cli.setOut(out);
    cli.setErr(err);
    IParameterExceptionHandler usage = cli.getParameterExceptionHandler();
    cli.setParameterExceptionHandler((e, args) -> {
      if (!(e instanceof UnmatchedArgumentException unmatched) || unmatched.isUnknownOption()
          || !e.getCommandLine().getSubcommands().isEmpty()) { // `verity rn`: picocli suggests `run`
        return usage.handleParseException(e, args); // picocli's words, its suggestions and the usage
      }
      e.getCommandLine().getErr().println("verity: " + SurplusArguments.message(e.getCommandLine(),
          unmatched.getUnmatched()));
      e.getCommandLine().getErr().flush();
      return BAD_INPUT;
    });
    cli.setExecutionExceptionHandler((e, command, parsed) -> {
      command.getErr().println("verity: " + Failures.message(e));
      command.getErr().flush();
      return e instanceof CliException c ? c.exitCode() : FAILED;
    });
    return cli;
  }

  /** {@code verity --version}: this build's version, read without starting the tensor engine. */
  static final class Version implements IVersionProvider {
    @Override
    public String[] getVersion() {
      return new String[] {"verity " + Manifest.Versions.verityVersion()};
    }
  }
}
