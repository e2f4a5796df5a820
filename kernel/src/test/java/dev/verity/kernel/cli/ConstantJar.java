package dev.verity.kernel.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;

import dev.verity.engine.task.Task;
import java.io.IOException;
import java.net.URISyntaxException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.jar.JarEntry;
import java.util.jar.JarOutputStream;
import javax.tools.ToolProvider;

/** A user's jar as the command line tests need one: {@code rewards.Constant}, a reward term of one value. */
final class ConstantJar {
  private ConstantJar() {}

  /** {@code dir/user.jar} holding {@code rewards.Constant}, scoring {@code value}; outside the test class path. */
  static Path build(Path dir, double value) throws IOException {
    Path src = Files.createDirectories(dir.resolve("src/rewards"));
    Files.writeString(src.resolve("Constant.java"), """
        package rewards;
        public class Constant implements dev.verity.engine.user.RewardFunction {
          public double score(dev.verity.engine.reward.Rollout rollout) {
            return %s;
          }
        }
        """.formatted(value));
    Path classes = dir.resolve("classes");
    String engine;
    try {
      engine = Path.of(Task.class.getProtectionDomain().getCodeSource().getLocation().toURI()).toString();
    } catch (URISyntaxException e) {
      throw new IllegalStateException(e);
    }
    assertEquals(0, ToolProvider.getSystemJavaCompiler().run(null, null, null, "-d", classes.toString(), "-cp",
        engine, src.resolve("Constant.java").toString()));
    Path jar = dir.resolve("user.jar");
    try (JarOutputStream out = new JarOutputStream(Files.newOutputStream(jar))) {
      out.putNextEntry(new JarEntry("rewards/Constant.class"));
      Files.copy(classes.resolve("rewards/Constant.class"), out);
      out.closeEntry();
    }
    return jar;
  }
}
