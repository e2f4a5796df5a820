package dev.verity.dsl.extend;

import dev.verity.engine.task.Task;
import java.io.IOException;
import java.net.URISyntaxException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.jar.JarEntry;
import java.util.jar.JarOutputStream;
import java.util.stream.Stream;
import javax.tools.ToolProvider;

/**
 * A jar of user classes as a user builds one: the sources under the test resources' {@code usercode/} (tasks and
 * reward terms written against Verity's public interfaces) compiled against the engine and packed, outside the
 * test class path, so only {@code --classpath} can find them.
 */
public final class UserJar {
  private UserJar() {}

  /** Compiles and packs the user classes into {@code dir/user.jar}. */
  public static Path build(Path dir) throws IOException, URISyntaxException {
    Path sources = Path.of(UserJar.class.getResource("/usercode").toURI());
    List<String> files;
    try (Stream<Path> walk = Files.walk(sources)) {
      files = walk.filter(p -> p.toString().endsWith(".java")).map(Path::toString).toList();
    }
    Path classes = Files.createDirectories(dir.resolve("user-classes"));
    String engine = Path.of(Task.class.getProtectionDomain().getCodeSource().getLocation().toURI()).toString();
    String[] args = Stream.concat(Stream.of("-d", classes.toString(), "-cp", engine, "--release", "17"),
        files.stream()).toArray(String[]::new);
    if (ToolProvider.getSystemJavaCompiler().run(null, null, null, args) != 0) {
      throw new IllegalStateException("the user classes do not compile against the engine: " + engine);
    }
    Path jar = dir.resolve("user.jar");
    try (JarOutputStream out = new JarOutputStream(Files.newOutputStream(jar));
        Stream<Path> walk = Files.walk(classes)) {
      for (Path file : walk.filter(Files::isRegularFile).sorted().toList()) {
        out.putNextEntry(new JarEntry(classes.relativize(file).toString().replace('\\', '/')));
        Files.copy(file, out);
        out.closeEntry();
      }
    }
    return jar;
  }
}
