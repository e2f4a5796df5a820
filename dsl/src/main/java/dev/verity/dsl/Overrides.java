package dev.verity.dsl;

import java.util.ArrayList;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * {@code --set name=value} overrides, e.g. {@code rl.steps=20} (every rl stage), {@code explore.per_prompt=4}
 * (one declaration or labelled stage), {@code experiment.seed=3}, or its short form {@code seed=3}. The value is
 * DSL source, checked like the original. Parsing never fails: a malformed override is reported when compiling,
 * like any other error.
 *
 * @param matchRequired whether an override that matches no statement of the source is an error (a typo in a
 *     file's {@code --set}); a notebook applies the same overrides to every cell, most of which hold none of
 *     their targets, so it turns this off with {@link #whereTheyMatch()}
 */
public record Overrides(List<Override> entries, boolean matchRequired) {
  public static final Overrides NONE = new Overrides(List.of());
  private static final Pattern FORM = Pattern.compile("([A-Za-z_][A-Za-z_0-9]*)\\.([A-Za-z_][A-Za-z_0-9]*)=(.*)",
      Pattern.DOTALL);
  /** {@code seed=N}, short for {@code experiment.seed=N}: what a sweep over seeds sets. */
  private static final Pattern SEED = Pattern.compile("seed=(.*)", Pattern.DOTALL);
  /** Where overrides come from on the command line: {@code verity run --set …}. */
  public static final String COMMAND_LINE = "--set";
  /** Where a notebook's overrides come from: the environment variable the kernel reads. */
  public static final String ENVIRONMENT = "VERITY_SET";

  public Overrides {
    entries = List.copyOf(entries);
  }

  /** Overrides that must each match a statement of the source. */
  public Overrides(List<Override> entries) {
    this(entries, true);
  }

  /** The same overrides, applied to the statements they match and silently skipped by a source without any. */
  public Overrides whereTheyMatch() {
    return new Overrides(entries, false);
  }

  public static Overrides parse(String... specs) {
    return parse(List.of(specs));
  }

  public static Overrides parse(List<String> specs) {
    return parse(COMMAND_LINE, specs);
  }

  /**
   * Overrides given through {@code origin} ({@link #COMMAND_LINE} or {@link #ENVIRONMENT}), which their
   * diagnostics name so the user knows where to fix them: {@code VERITY_SET sft.steps:1:11}.
   */
  public static Overrides parse(String origin, List<String> specs) {
    List<Override> out = new ArrayList<>();
    for (String spec : specs) {
      Matcher m = FORM.matcher(spec);
      Matcher seed = SEED.matcher(spec);
      if (m.matches()) {
        out.add(new Override(spec, m.group(1), m.group(2), m.group(3), origin));
      } else if (seed.matches()) {
        out.add(new Override(spec, "experiment", "seed", seed.group(1), origin));
      } else {
        out.add(new Override(spec, "", "", "", origin));
      }
    }
    return new Overrides(out);
  }

  /** Whether diagnostics in {@code file} are about an override rather than the source. */
  public static boolean isOverride(String file) {
    return file.startsWith(COMMAND_LINE + " ") || file.startsWith(ENVIRONMENT + " ");
  }

  /**
   * The first setting that {@code specs} give twice ({@code sft.steps=2} then {@code sft.steps=3}; {@code seed=N}
   * and {@code experiment.seed=N} are one setting), as a message for the command line: the later would silently
   * win, and the run's manifest would record both.
   */
  public static java.util.Optional<String> givenTwice(List<String> specs) {
    java.util.Map<String, String> seen = new java.util.HashMap<>();
    for (Override o : parse(specs).entries()) {
      if (!o.wellFormed()) {
        continue; // reported when compiling
      }
      String key = o.target() + "." + o.setting();
      String first = seen.putIfAbsent(key, o.text());
      if (first != null) {
        return java.util.Optional.of("--set " + key + " is given twice (" + first + ", then " + o.text() + "): give"
            + " it once");
      }
    }
    return java.util.Optional.empty();
  }

  public boolean isEmpty() {
    return entries.isEmpty();
  }

  /**
   * One override: {@code target.setting=value} ({@code seed=N} reads as {@code experiment.seed=N}); {@code target}
   * is empty when the text is not of that form.
   */
  public record Override(String text, String target, String setting, String value, String origin) {
    /** One from the command line's {@code --set}. */
    public Override(String text, String target, String setting, String value) {
      this(text, target, setting, value, COMMAND_LINE);
    }

    public boolean wellFormed() {
      return !target.isEmpty();
    }

    /** The source name its diagnostics carry, the text before {@code =}: {@code --set rl.steps}. */
    public String file() {
      return origin + " " + (wellFormed() ? text.substring(0, text.indexOf('=')) : text);
    }

    /** How the user wrote it: {@code --set rl.steps=3}, or {@code VERITY_SET rl.steps=3}. */
    public String written() {
      return origin + " " + text;
    }

    /** 1-based column of the setting's name within {@link #text()}. */
    public int settingColumn() {
      return valueColumn() - 1 - setting.length();
    }

    /** 1-based column of the value within {@link #text()}. */
    public int valueColumn() {
      return text.indexOf('=') + 2;
    }
  }
}
