package dev.verity.kernel.cli;

/** A notebook and its twin are named alike: {@code quickstart.ipynb} beside {@code quickstart.verity}. */
final class NotebookFiles {
  static final String TWIN = ".verity";
  static final String NOTEBOOK = ".ipynb";

  private NotebookFiles() {}

  /** {@code name} with its extension {@code from} replaced by {@code to} (added when it has another). */
  static String swap(String name, String from, String to) {
    return (name.endsWith(from) ? name.substring(0, name.length() - from.length()) : name) + to;
  }
}
