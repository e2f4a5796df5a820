package dev.verity.kernel.faults;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.URISyntaxException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.jar.Attributes;
import java.util.jar.JarEntry;
import java.util.jar.JarOutputStream;
import java.util.jar.Manifest;
import java.util.stream.Stream;

/** Packs {@link KillSwitch} (its classes from the test build) as a Java agent jar, for JAVA_TOOL_OPTIONS. */
final class AgentJar {
  private AgentJar() {}

  static Path build(Path jar) throws IOException {
    Manifest manifest = new Manifest();
    manifest.getMainAttributes().put(Attributes.Name.MANIFEST_VERSION, "1.0");
    manifest.getMainAttributes().put(new Attributes.Name("Premain-Class"), KillSwitch.class.getName());
    Path classes = classesFolder();
    String prefix = KillSwitch.class.getName().replace('.', '/');
    try (OutputStream file = Files.newOutputStream(jar); JarOutputStream out = new JarOutputStream(file, manifest);
        Stream<Path> all = Files.walk(classes)) {
      for (Path p : all.filter(Files::isRegularFile).toList()) {
        String name = classes.relativize(p).toString().replace('\\', '/');
        if (name.equals(prefix + ".class") || name.startsWith(prefix + "$")) {
          out.putNextEntry(new JarEntry(name));
          try (InputStream in = Files.newInputStream(p)) {
            in.transferTo(out);
          }
          out.closeEntry();
        }
      }
    }
    return jar;
  }

  private static Path classesFolder() throws IOException {
    try {
      return Path.of(KillSwitch.class.getProtectionDomain().getCodeSource().getLocation().toURI());
    } catch (URISyntaxException e) {
      throw new IOException(e);
    }
  }
}
