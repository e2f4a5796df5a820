package dev.verity.kernel.sweep;

import static dev.verity.engine.run.JsonProblem.required;

import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * What a sweep runs: every combination of the values of each {@code --set} setting (a variant), each with every
 * seed. Without seeds each variant runs once with the file's own seed.
 *
 * @param seeds the seeds, in order; empty for the file's own
 * @param settings the settings in the order given, each with its values in the order given
 */
public record Grid(List<Long> seeds, List<Setting> settings) {
  private static final Pattern RANGE = Pattern.compile("(\\d+)\\.\\.(\\d+)");
  private static final Pattern COUNT = Pattern.compile("\\d+");
  private static final Pattern LIST = Pattern.compile("\\d+(,\\d+)+");
  private static final Pattern SETTING = Pattern.compile("([A-Za-z_][A-Za-z_0-9]*(?:\\.[A-Za-z_][A-Za-z_0-9]*)?)=(.+)",
      Pattern.DOTALL);
  private static final int MAX_SEEDS = 10_000;

  public Grid { // a sweep.json without a field fails naming it (JsonProblem)
    seeds = List.copyOf(required(seeds, "seeds"));
    settings = List.copyOf(required(settings, "settings"));
  }

  /** One {@code --set name=v1,v2,…}: a setting's path and the values it takes, as DSL source. */
  public record Setting(String name, List<String> values) {
    public Setting {
      required(name, "name");
      values = List.copyOf(required(values, "values"));
    }

    /** Whether it takes more than one value, so that variants differ in it. */
    boolean varies() {
      return values.size() > 1;
    }
  }

  /**
   * {@code --seeds}: {@code 5} (seeds 1 to 5), {@code 3..7} (3 to 7) or {@code 1,4,9} (those).
   *
   * @throws IllegalArgumentException saying what is wrong and the forms it takes
   */
  public static List<Long> seeds(String text) {
    String forms = " (give a count such as 5 for seeds 1 to 5, a range such as 3..7, or a list such as 1,4,9)";
    String t = text.strip();
    List<Long> seeds = new ArrayList<>();
    try {
      Matcher range = RANGE.matcher(t);
      if (COUNT.matcher(t).matches()) {
        long n = Long.parseLong(t);
        requireCount(n, text, forms);
        for (long s = 1; s <= n; s++) {
          seeds.add(s);
        }
      } else if (range.matches()) {
        long from = Long.parseLong(range.group(1));
        long to = Long.parseLong(range.group(2));
        if (to < from) {
          throw new IllegalArgumentException("--seeds " + text + ": the range ends before it starts" + forms);
        }
        requireCount(to - from + 1, text, forms);
        for (long s = from; s <= to; s++) {
          seeds.add(s);
        }
      } else if (LIST.matcher(t).matches()) {
        for (String s : t.split(",")) {
          seeds.add(Long.parseLong(s));
        }
        if (new LinkedHashSet<>(seeds).size() != seeds.size()) {
          throw new IllegalArgumentException("--seeds " + text + ": a seed is listed twice" + forms);
        }
      } else {
        throw new IllegalArgumentException("--seeds " + text + " is not a count, range or list of seeds" + forms);
      }
    } catch (NumberFormatException e) {
      throw new IllegalArgumentException("--seeds " + text + ": a seed is too large" + forms);
    }
    return seeds;
  }

  private static void requireCount(long n, String text, String forms) {
    if (n < 1 || n > MAX_SEEDS) {
      throw new IllegalArgumentException("--seeds " + text + ": give 1 to " + MAX_SEEDS + " seeds" + forms);
    }
  }

  /**
   * {@code --set name=v1,v2,…}: the values are split at commas outside brackets and quotes, so a value such as
   * {@code cosine(1e-3 -> 1e-4, warmup: 10)} stays whole.
   *
   * @throws IllegalArgumentException saying what is wrong
   */
  public static Setting setting(String text) {
    Matcher m = SETTING.matcher(text.strip());
    if (!m.matches()) {
      throw new IllegalArgumentException("--set " + text + ": write NAME.SETTING=VALUE or NAME.SETTING=V1,V2,…,"
          + " e.g. rl.steps=20,40 or seed=3");
    }
    if (m.group(1).equals("seed") || m.group(1).equals("experiment.seed")) {
      throw new IllegalArgumentException("--set " + text + ": a sweep sets the seed of each run itself: give"
          + " --seeds " + m.group(2).strip() + " instead");
    }
    List<String> values = splitTopLevel(m.group(2));
    if (values.stream().anyMatch(String::isBlank)) {
      throw new IllegalArgumentException("--set " + text + ": a value is empty (two commas in a row, or one at an"
          + " end)");
    }
    if (new LinkedHashSet<>(values).size() != values.size()) {
      throw new IllegalArgumentException("--set " + text + ": a value is listed twice");
    }
    return new Setting(m.group(1), values);
  }

  /** The values between top-level commas, each stripped. */
  static List<String> splitTopLevel(String text) {
    List<String> parts = new ArrayList<>();
    int depth = 0;
    boolean quoted = false;
    int start = 0;
    for (int i = 0; i < text.length(); i++) {
      char c = text.charAt(i);
      if (c == '"' && (i == 0 || text.charAt(i - 1) != '\\')) {
        quoted = !quoted;
      } else if (!quoted && (c == '(' || c == '[' || c == '{')) {
        depth++;
      } else if (!quoted && (c == ')' || c == ']' || c == '}')) {
        depth--;
      } else if (!quoted && depth == 0 && c == ',') {
        parts.add(text.substring(start, i).strip());
        start = i + 1;
      }
    }
    parts.add(text.substring(start).strip());
    return parts;
  }

  /** Every combination of the settings' values, the first setting varying slowest. */
  public List<Variant> variants() {
    List<List<String>> combinations = new ArrayList<>();
    combinations.add(List.of());
    for (Setting setting : settings) {
      List<List<String>> next = new ArrayList<>();
      for (List<String> before : combinations) {
        for (String value : setting.values()) {
          List<String> more = new ArrayList<>(before);
          more.add(setting.name() + "=" + value);
          next.add(more);
        }
      }
      combinations = next;
    }
    List<Variant> variants = new ArrayList<>();
    for (List<String> overrides : combinations) {
      variants.add(new Variant(overrides, label(overrides)));
    }
    return variants;
  }

  /** Every run: each variant with each seed, variant by variant. */
  public List<PlannedRun> runs() {
    List<PlannedRun> runs = new ArrayList<>();
    List<Variant> variants = variants();
    LinkedHashSet<String> ids = new LinkedHashSet<>();
    for (Variant variant : variants) {
      List<Long> each = seeds.isEmpty() ? java.util.Collections.singletonList(null) : seeds;
      for (Long seed : each) {
        List<String> overrides = new ArrayList<>(variant.overrides());
        String seedPart = seed == null ? "" : "seed" + seed;
        if (seed != null) {
          overrides.add("seed=" + seed);
        }
        String id = unique(ids, variants.size() == 1 ? (seedPart.isEmpty() ? "run" : seedPart)
            : slug(variant.label()) + (seedPart.isEmpty() ? "" : "_" + seedPart));
        runs.add(new PlannedRun(id, variant.label(), seed, overrides));
      }
    }
    return runs;
  }

  /**
   * A variant's name: the settings in which variants differ ({@code rl.steps=20, kl=0.01}); with a single variant,
   * its settings, or {@value Variant#DEFAULT} when there are none.
   */
  private String label(List<String> overrides) {
    List<String> shown = new ArrayList<>();
    for (int i = 0; i < settings.size(); i++) {
      if (settings.get(i).varies()) {
        shown.add(overrides.get(i));
      }
    }
    if (shown.isEmpty()) {
      shown = overrides;
    }
    return shown.isEmpty() ? Variant.DEFAULT : String.join(", ", shown);
  }

  /** A label as a folder name: {@code rl.steps=20,kl=0.01}; other characters become '-'. */
  static String slug(String label) {
    String safe = label.replace(", ", ",").replaceAll("[^A-Za-z0-9._=,+-]+", "-").replaceAll("^[-.]+|-+$", "");
    safe = safe.length() > 80 ? safe.substring(0, 80) : safe;
    return safe.isEmpty() ? "variant" : safe;
  }

  private static String unique(LinkedHashSet<String> taken, String id) {
    String candidate = id;
    for (int n = 2; !taken.add(candidate); n++) {
      candidate = id + "-" + n;
    }
    return candidate;
  }

  /** One combination of setting values. */
  public record Variant(List<String> overrides, String label) {
    /** The name of the one variant of a sweep over seeds alone. */
    public static final String DEFAULT = "default";

    public Variant {
      overrides = List.copyOf(overrides);
    }
  }

  /**
   * One run of the sweep.
   *
   * @param id its folder's name under runs/, unique in the sweep: {@code rl.steps=20_seed3}
   * @param seed null when it runs with the file's own seed
   * @param overrides its {@code --set} overrides: the variant's, then {@code seed=N}
   */
  public record PlannedRun(String id, String variant, Long seed, List<String> overrides) {
    public PlannedRun {
      overrides = List.copyOf(overrides);
    }
  }
}
