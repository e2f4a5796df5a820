package dev.verity.dsl.assist;

/** What a name at the cursor is: its signature (or usage) and one-line doc. */
public record Inspection(String name, String signature, String doc) {
  /** Plain text for a notebook's inspect reply. */
  public String text() {
    return signature + "\n\n" + doc;
  }
}
