package dev.verity.kernel.sweep;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.function.Predicate;
import java.util.stream.Stream;

/**
 * Why a path given to {@code --resume} or {@code --status} is not a sweep directory, and which one was likely
 * meant: the sweep a file or folder lies in (its sweep.json, one of its run directories), the latest sweep of an
 * experiment file, or the latest sweep in a folder of sweeps. "No such sweep directory" alone leaves someone who
 * gave the experiment file to guess where its sweep went.
 */
final class NotASweep {
  private NotASweep() {}

  /** Where a sweep directory is, in words. */
  private static final String PATTERN = "sweeps/<experiment>-<yyyyMMdd-HHmmss>/, the folder holding " + Sweep.JSON;

  /** How deep a path may lie in a sweep: SWEEP/runs/ID/RUN/FILE. */
  private static final int DEPTH = 4;

  /**
   * One line for {@code given}, which is not a sweep directory.
   *
   * @param option {@code --resume} or {@code --status}
   * @param command how the user starts a sweep: {@code verity sweep}, {@code %sweep}
   */
  static String why(Path given, String option, String command) {
    String use = "`" + command + " " + option + " ";
    Path absolute = given.toAbsolutePath().normalize();
    Optional<Path> enclosing = enclosingSweep(absolute);
    if (enclosing.isPresent()) {
      return given + " is " + (Files.isDirectory(given) ? "a folder" : "a file") + " inside the sweep directory "
          + show(enclosing.get()) + ", not the sweep directory itself: " + use + show(enclosing.get()) + "`";
    }
    if (!Files.exists(given)) {
      return "no such sweep directory: " + given + "; " + option + " takes the directory a sweep wrote, " + PATTERN;
    }
    if (Files.isDirectory(given)) {
      List<Path> inside = sweepsIn(absolute, path -> true);
      return given + " is not a sweep directory: it has no " + Sweep.JSON + "; " + (inside.isEmpty()
          ? option + " takes the directory a sweep wrote, " + PATTERN
          : "it holds " + count(inside.size(), "sweep") + ", the latest " + use + show(latest(inside)) + "`");
    }
    if (given.getFileName().toString().endsWith(".verity")) {
      Set<Path> folders = new LinkedHashSet<>(List.of(Path.of("sweeps").toAbsolutePath().normalize(),
          absolute.resolveSibling("sweeps")));
      List<Path> sweeps = new ArrayList<>();
      for (Path folder : folders) {
        sweeps.addAll(sweepsIn(folder, sweep -> sweep.record().file().equals(absolute.toString())));
      }
      String which = sweeps.isEmpty() ? PATTERN + " (no sweep of it is in " + String.join(" or ",
          folders.stream().map(NotASweep::show).toList()) + ")"
          : use + show(latest(sweeps)) + "`" + (sweeps.size() == 1 ? "" : ", the latest of its " + sweeps.size());
      return given + " is an experiment file, not a sweep directory: " + option + " takes the directory a sweep of"
          + " it wrote, " + which + "; `" + command + " " + given + "` starts a new sweep";
    }
    return given + " is a file, not a sweep directory: " + option + " takes the directory a sweep wrote, " + PATTERN;
  }

  /** The sweep directory {@code path} lies in, a few folders up at most. */
  private static Optional<Path> enclosingSweep(Path path) {
    Path up = path.getParent();
    for (int i = 0; i < DEPTH && up != null; i++, up = up.getParent()) {
      if (Sweep.isSweep(up)) {
        return Optional.of(up);
      }
    }
    return Optional.empty();
  }

  /** The sweep directories right inside {@code folder} whose sweep.json reads and passes {@code which}. */
  private static List<Path> sweepsIn(Path folder, Predicate<Sweep> which) {
    if (!Files.isDirectory(folder)) {
      return List.of();
    }
    List<Path> out = new ArrayList<>();
    try (Stream<Path> children = Files.list(folder)) {
      for (Path child : children.filter(Sweep::isSweep).toList()) {
        try {
          if (which.test(Sweep.open(child))) {
            out.add(child);
          }
        } catch (IOException damaged) {
          // a sweep whose sweep.json does not read is no one's suggestion
        }
      }
    } catch (IOException unreadable) {
      return List.of();
    }
    return out;
  }

  /** The newest: sweep directories are named {@code <experiment>-<yyyyMMdd-HHmmss>}, so the greatest name. */
  private static Path latest(List<Path> sweeps) {
    return sweeps.stream().max(Comparator.comparing(p -> p.getFileName().toString())).orElseThrow();
  }

  /** {@code path} relative to the working folder when inside it, as the user would type it. */
  private static String show(Path path) {
    Path here = Path.of("").toAbsolutePath();
    return path.startsWith(here) && !path.equals(here) ? here.relativize(path).toString() : path.toString();
  }

  private static String count(int n, String what) {
    return n + " " + what + (n == 1 ? "" : "s");
  }
}
