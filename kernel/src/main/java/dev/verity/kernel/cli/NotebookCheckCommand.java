package dev.verity.kernel.cli;

import dev.verity.kernel.notebook.Ipynb;
import dev.verity.kernel.notebook.NotebookFormatException;
import dev.verity.kernel.notebook.Twin;
import dev.verity.kernel.notebook.TwinCheck;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

/** {@code verity notebook check FILE.ipynb…}: each notebook's cells equal its twin's, outputs aside. */
@Command(
    name = "check",
    description = {"Checks that each FILE.ipynb holds the cells of FILE.verity beside it (outputs and execution"
        + " counts aside).", "Exit status: 0 all match, 1 a notebook differs, 2 a file is missing or unreadable."})
final class NotebookCheckCommand implements Callable<Integer> {
  @Spec CommandSpec spec;

  @Parameters(paramLabel = "FILE.ipynb", arity = "1..*", description = "the notebooks")
  List<String> files;

  @Override
  public Integer call() {
    Terminal terminal = Terminal.of(spec);
    int status = Verity.DONE;
    for (String file : files) {
      if (!file.endsWith(NotebookFiles.NOTEBOOK)) {
        throw new CliException(file + ": give the notebook (.ipynb) to check, e.g. "
            + NotebookFiles.swap(file, NotebookFiles.TWIN, NotebookFiles.NOTEBOOK));
      }
      String twinFile = NotebookFiles.swap(file, NotebookFiles.NOTEBOOK, NotebookFiles.TWIN);
      Optional<String> difference;
      try {
        String notebook = SourceFile.read(file).text(); // first: a missing notebook is the mistake to name
        if (!Files.isRegularFile(Path.of(twinFile))) {
          throw new CliException(file + " has no twin " + twinFile + " beside it: check compares a notebook with"
              + " the .verity file it is built from");
        }
        Twin twin = Twin.parse(SourceFile.read(twinFile).text(), twinFile);
        difference = TwinCheck.difference(twin.cells(), Ipynb.cells(notebook, file));
      } catch (NotebookFormatException e) {
        throw new CliException(e.getMessage());
      }
      if (difference.isPresent()) {
        terminal.err().println(file + ": " + difference.get() + "; rebuild it with `verity notebook build "
            + twinFile + "`, or copy the change into the twin");
        status = Verity.FAILED;
      } else {
        terminal.out().println(file + ": matches " + twinFile);
      }
    }
    terminal.err().flush();
    return status;
  }
}
