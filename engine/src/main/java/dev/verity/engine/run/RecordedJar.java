package dev.verity.engine.run;

import com.fasterxml.jackson.annotation.JsonProperty;
import com.fasterxml.jackson.annotation.JsonPropertyOrder;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;
import java.util.List;
import java.util.Optional;
import java.util.stream.Stream;

/**
 * A jar (or folder of classes) whose Java classes a run could name in {@code java("…")}, as {@code jars.json}
 * records it: where it was and its SHA-256, so that a rerun can refuse other classes under the same name.
 *
 * @param path the absolute path it was read from
 * @param sha256 the file's SHA-256 in hex; for a folder, of its files' relative paths and contents in path order
 */
@JsonPropertyOrder({"path", "sha256"})
public record RecordedJar(@JsonProperty("path") String path, @JsonProperty("sha256") String sha256) {

  /** The jar at {@code jar} as it is now. */
  public static RecordedJar of(Path jar) throws IOException {
    Path file = jar.toAbsolutePath().normalize();
    return new RecordedJar(file.toString(), sha256(file));
  }

  /** Its file name, for messages. */
  public String name() {
    return Path.of(path).getFileName().toString();
  }

  /** The SHA-256 of a file, or of a folder's files (relative path, then contents, in path order). */
  public static String sha256(Path path) throws IOException {
    MessageDigest digest;
    try {
      digest = MessageDigest.getInstance("SHA-256");
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException("the JVM has no SHA-256", e);
    }
    if (Files.isDirectory(path)) {
      List<Path> files;
      try (Stream<Path> walk = Files.walk(path)) {
        files = walk.filter(Files::isRegularFile).sorted().toList();
      }
      for (Path f : files) {
        digest.update(path.relativize(f).toString().replace('\\', '/').getBytes(StandardCharsets.UTF_8));
        digest.update((byte) 0);
        update(digest, f);
      }
    } else {
      update(digest, path);
    }
    return HexFormat.of().formatHex(digest.digest());
  }

  private static void update(MessageDigest digest, Path file) throws IOException {
    byte[] buffer = new byte[1 << 16];
    try (InputStream in = Files.newInputStream(file)) {
      for (int n = in.read(buffer); n >= 0; n = in.read(buffer)) {
        digest.update(buffer, 0, n);
      }
    }
  }

  /**
   * Why a rerun with {@code now} (the jars it is given, in order) cannot be trusted to run the recorded classes;
   * empty when every recorded jar is there with the same hash.
   *
   * @param verb {@code replay} or {@code resume}, for the message
   */
  public static Optional<String> refusal(List<RecordedJar> recorded, List<RecordedJar> now, String verb) {
    if (recorded.isEmpty()) {
      return Optional.empty();
    }
    String give = "; " + verb + " with the jars the run used: --classpath " + String.join(":",
        recorded.stream().map(RecordedJar::path).toList());
    if (recorded.size() != now.size()) {
      return Optional.of("the run used " + recorded.size() + (recorded.size() == 1 ? " jar" : " jars")
          + " of Java classes (" + String.join(", ", recorded.stream().map(RecordedJar::name).toList())
          + ") but " + now.size() + (now.size() == 1 ? " is" : " are") + " given" + give);
    }
    for (int i = 0; i < recorded.size(); i++) {
      RecordedJar was = recorded.get(i);
      RecordedJar is = now.get(i);
      if (!was.sha256().equals(is.sha256())) {
        // the recorded path itself is what changed (a rebuilt jar): --classpath with that path is no fix
        String hashes = " (sha256 recorded in " + RunDirectory.JARS + " " + abbreviate(was.sha256()) + ", now "
            + abbreviate(is.sha256()) + "): its classes may score differently, so the numbers could not be compared";
        return Optional.of(was.path().equals(is.path())
            ? "the jar " + is.path() + " has changed since the run" + hashes + "; restore the jar the run used (the"
                + " one with sha256 " + abbreviate(was.sha256()) + ") at " + was.path() + ", or give a copy of it"
                + " with --classpath COPY.jar"
            : "the jar " + is.path() + ", given for the " + was.name() + " the run used at " + was.path()
                + ", is another" + hashes.replace(", now ", ", given ") + "; give the jar the run used (the one"
                + " with sha256 " + abbreviate(was.sha256()) + ") with --classpath");
      }
    }
    return Optional.empty();
  }

  private static String abbreviate(String hash) {
    return hash.length() > 12 ? hash.substring(0, 12) + "…" : hash;
  }
}
