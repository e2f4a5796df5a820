package dev.verity.kernel.cli;

import dev.verity.kernel.notebook.Ipynb;
import dev.verity.kernel.notebook.NotebookFormatException;
import dev.verity.kernel.notebook.Twin;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.List;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

/** {@code verity notebook build FILE.verity…}: writes FILE.ipynb beside each twin, with empty outputs. */
@Command(
    name = "build",
    description = {"Writes FILE.ipynb beside each FILE.verity: its cells, no outputs (an executed notebook loses"
        + " its outputs).", "Exit status: 0 written, 2 a file is missing or not a twin."})
final class NotebookBuildCommand implements Callable<Integer> {
  @Spec CommandSpec spec;

  @Parameters(paramLabel = "FILE.verity", arity = "1..*", description = "the twins: experiment files with cell markers")
  List<String> files;

  @Override
  public Integer call() {
    for (String file : files) {
      if (!file.endsWith(NotebookFiles.TWIN)) {
        throw new CliException(file + ": give the .verity twin to build from, e.g. "
            + NotebookFiles.swap(file, NotebookFiles.NOTEBOOK, NotebookFiles.TWIN));
      }
      SourceFile source = SourceFile.read(file);
      Twin twin;
      try {
        twin = Twin.parse(source.text(), source.name());
      } catch (NotebookFormatException e) {
        throw new CliException(e.getMessage());
      }
      String out = NotebookFiles.swap(file, NotebookFiles.TWIN, NotebookFiles.NOTEBOOK);
      write(Path.of(out), Ipynb.render(twin.cells()));
      spec.commandLine().getOut().println("wrote " + out + " (" + twin.cells().size() + " cells)");
    }
    return Verity.DONE;
  }

  /** Written to a temporary file, then moved over the old one: a notebook is never left half-written. */
  private static void write(Path path, String text) {
    Path absolute = path.toAbsolutePath();
    try {
      Path temp = Files.createTempFile(absolute.getParent(), ".build-", ".ipynb");
      Files.writeString(temp, text, StandardCharsets.UTF_8);
      Files.move(temp, absolute, StandardCopyOption.REPLACE_EXISTING,
          StandardCopyOption.ATOMIC_MOVE);
    } catch (IOException e) {
      throw new CliException("cannot write " + path + ": " + e.getMessage(), Verity.FAILED);
    }
  }
}
