package dev.verity.engine.user;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.MalformedURLException;
import java.net.URL;
import java.net.URLClassLoader;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.regex.Pattern;
import java.util.stream.Collectors;

/**
 * Where the classes an experiment names in {@code java("…")} come from: jars given on the command line
 * ({@code --classpath}), or a notebook's Java cells. A front end makes its sources usable for as long as it runs
 * experiments ({@link #use}), as {@code TaskTypes.register} does for tasks; the checker asks here.
 */
public final class JavaClasses {
  private JavaClasses() {}

  /** A binary class name, such as {@code Palindromes} or {@code org.example.tasks.Palindromes}. */
  public static final Pattern CLASS_NAME =
      Pattern.compile("[\\p{L}_$][\\p{L}\\p{N}_$]*(\\.[\\p{L}_$][\\p{L}\\p{N}_$]*)*");

  /** Somewhere classes are found. */
  public interface Source {
    /** The class of that name, or empty when this source has none. */
    Optional<Class<?>> find(String name);

    /** Where it looks, for an error about a class not found, e.g. {@code the jars given with --classpath}. */
    String describe();

    /** The jars its classes come from, whose hashes a run records. */
    List<Path> jars();

    /**
     * Empty when a run in another process (a sweep's) finds these classes too, as it does a jar's; else what to do
     * instead, said when a check for such runs could not see them (a notebook's own Java cells).
     */
    default Optional<String> notInOtherProcesses() {
      return Optional.empty();
    }

    /**
     * Why a class of that name that this source declares cannot be used, when {@link #find} has none although the
     * source declares it: what it refers to that is not declared ({@code variable TYPE}), as a notebook's Java cell
     * declares a class that JShell keeps until what it lacks is declared. Empty when it declares no such class.
     */
    default Optional<List<String>> unresolved(String name) {
      return Optional.empty();
    }
  }

  /** Sources made usable by {@link #use}; closing it removes them again. */
  public interface Registration extends AutoCloseable {
    @Override
    void close();
  }

  private static final List<Source> SOURCES = new CopyOnWriteArrayList<>();
  private static final AtomicInteger FOR_OTHER_PROCESSES = new AtomicInteger(); // > 0: only what they see too

  /** Makes {@code source}'s classes nameable from now until the registration is closed. */
  public static Registration use(Source source) {
    SOURCES.add(source);
    return () -> SOURCES.remove(source);
  }

  /**
   * Until closed, {@link #find} sees only the classes that runs in other processes will find too, so that a
   * sweep is checked with what its runs will have, not with a notebook's own Java cells.
   */
  public static Registration forOtherProcesses() {
    FOR_OTHER_PROCESSES.incrementAndGet();
    return FOR_OTHER_PROCESSES::decrementAndGet;
  }

  private static List<Source> visible() {
    if (FOR_OTHER_PROCESSES.get() == 0) {
      return SOURCES;
    }
    return SOURCES.stream().filter(s -> s.notInOtherProcesses().isEmpty()).toList();
  }

  /** The class of that name in the first source that has one. */
  public static Optional<Class<?>> find(String name) {
    if (!CLASS_NAME.matcher(name).matches()) {
      return Optional.empty();
    }
    for (Source source : visible()) {
      Optional<Class<?>> found = source.find(name);
      if (found.isPresent()) {
        return found;
      }
    }
    return Optional.empty();
  }

  /**
   * What the class {@code name}, declared by a source that cannot make it, refers to that is not declared
   * ({@code variable TYPE}); empty when no source declares such a class.
   */
  public static Optional<List<String>> unresolved(String name) {
    if (!CLASS_NAME.matcher(name).matches()) {
      return Optional.empty();
    }
    for (Source source : visible()) {
      Optional<List<String>> missing = source.unresolved(name);
      if (missing.isPresent()) {
        return missing;
      }
    }
    return Optional.empty();
  }

  /** Where {@link #find} looks, in words; says how to give classes when there is nowhere. */
  public static String searched() {
    List<Source> visible = visible();
    if (visible.isEmpty()) {
      return "no Java classes are given: pass a jar with --classpath lib/tasks.jar, or define the class in a"
          + " %%java cell of a notebook";
    }
    return "searched " + visible.stream().map(Source::describe).collect(Collectors.joining(" and "));
  }

  /**
   * Why {@code name} was not found, in words: {@link #searched}, and, when only a source that runs in other
   * processes cannot see has the class, that source's advice.
   */
  public static String missing(String name) {
    List<Source> visible = visible();
    for (Source source : SOURCES) {
      if (!visible.contains(source) && CLASS_NAME.matcher(name).matches() && source.find(name).isPresent()) {
        return searched() + "; " + source.notInOtherProcesses().orElseThrow();
      }
    }
    return searched();
  }

  /** The jars of every source, in order, each once. */
  public static List<Path> jars() {
    return SOURCES.stream().flatMap(s -> s.jars().stream()).distinct().toList();
  }

  /**
   * The classes of {@code jars} (jar files or class folders), loaded beside Verity's own so that they implement
   * its interfaces.
   *
   * @throws UncheckedIOException naming a path that is neither a file nor a folder
   */
  public static Source ofJars(List<Path> jars) {
    List<URL> urls = new ArrayList<>();
    List<Path> paths = new ArrayList<>();
    for (Path jar : jars) {
      Path path = jar.toAbsolutePath().normalize();
      if (!Files.isRegularFile(path) && !Files.isDirectory(path)) {
        throw new UncheckedIOException(new IOException(
            "--classpath " + jar + ": no such jar or folder of classes"));
      }
      try {
        urls.add(path.toUri().toURL());
      } catch (MalformedURLException e) {
        throw new UncheckedIOException(new IOException("--classpath " + jar + ": " + e.getMessage(), e));
      }
      paths.add(path);
    }
    URLClassLoader loader = new URLClassLoader(urls.toArray(URL[]::new), JavaClasses.class.getClassLoader());
    return new Source() {
      @Override
      public Optional<Class<?>> find(String name) {
        try {
          return Optional.of(Class.forName(name, false, loader));
        } catch (ClassNotFoundException | LinkageError missing) {
          return Optional.empty();
        }
      }

      @Override
      public String describe() {
        return "the --classpath " + paths.stream().map(Path::toString).collect(Collectors.joining(":"));
      }

      @Override
      public List<Path> jars() {
        return List.copyOf(paths);
      }
    };
  }
}
