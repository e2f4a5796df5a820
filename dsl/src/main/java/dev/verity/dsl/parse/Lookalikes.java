package dev.verity.dsl.parse;

import java.util.Map;
import java.util.Optional;

/**
 * Characters that look like Verity syntax but are not: typographic ones that editors, word processors and
 * Verity's own output (its {@code loss 2.97 → 2.87}) put into copied text. Each comes with the fix.
 */
final class Lookalikes {
  private static final String QUOTES = "strings use double quotes";
  private static final String CURLY = "use straight quotes \"…\"";
  private static final Map<String, String> FIXES = Map.ofEntries(
      Map.entry("'", QUOTES),
      Map.entry("\u2018", QUOTES), // ‘
      Map.entry("\u2019", QUOTES), // ’
      Map.entry("\u201C", CURLY), // “ without its closing quote on the line
      Map.entry("\u201D", CURLY), // ”
      Map.entry("\u201E", CURLY), // „
      Map.entry("\u2192", "write -> instead of \u2192"),
      Map.entry("\u2264", "write <= instead of \u2264"),
      Map.entry("\u2265", "write >= instead of \u2265"),
      Map.entry("\u2260", "write != instead of \u2260"),
      Map.entry("\u2212", "write - (a hyphen) instead of the minus sign \u2212"),
      Map.entry("\u00D7", "write * instead of \u00D7"),
      Map.entry(".", "a range is written with two full stops (2..6), a decimal with a digit on each side (0.5)"),
      Map.entry("\u2025", "write .. (two full stops) for a range, e.g. 2..6"), // ‥
      Map.entry("\u2026", "write .. (two full stops) for a range, e.g. 2..6")); // …

  private Lookalikes() {}

  /**
   * What to write instead of {@code character}, when it is a known lookalike; for another letter outside ASCII
   * ({@code café}), what names may hold.
   */
  static Optional<String> fix(String character) {
    String known = FIXES.get(character);
    if (known != null) {
      return Optional.of(known);
    }
    int c = character.codePointAt(0);
    return c > 127 && Character.isLetter(c)
        ? Optional.of("names are made of ASCII letters, digits and _, so replace '" + character + "' (other text goes in"
            + " a string)")
        : Optional.empty();
  }
}
