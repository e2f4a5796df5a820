package dev.verity.kernel.notebook;

import java.util.Objects;

/** One notebook cell as a twin holds it: its kind and its source, without outputs or execution counts. */
public record Cell(Kind kind, String source) {

  /** The two kinds a twin can hold. */
  public enum Kind {
    CODE("code"),
    MARKDOWN("markdown");

    private final String nbformatName;

    Kind(String nbformatName) {
      this.nbformatName = nbformatName;
    }

    /** The {@code cell_type} nbformat uses. */
    public String nbformatName() {
      return nbformatName;
    }
  }

  public Cell {
    Objects.requireNonNull(kind, "kind");
    Objects.requireNonNull(source, "source");
  }

  public static Cell code(String source) {
    return new Cell(Kind.CODE, source);
  }

  public static Cell markdown(String source) {
    return new Cell(Kind.MARKDOWN, source);
  }
}
