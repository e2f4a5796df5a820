package dev.verity.engine.run;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import dev.verity.engine.checkpoint.AtomicFiles;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

/** A run's jars.json: the jars of Java classes it was given, with their hashes, replaced atomically. */
final class JarsFile {
  private static final ObjectMapper JSON = new ObjectMapper().enable(SerializationFeature.INDENT_OUTPUT);

  private final Path path;

  JarsFile(Path path) {
    this.path = path;
  }

  void write(List<RecordedJar> jars) throws IOException {
    AtomicFiles.writeString(path, JSON.writeValueAsString(jars));
  }

  /** The jars recorded; none when the file is absent (a run given none, or recorded before jars were). */
  List<RecordedJar> read() throws IOException {
    return Files.exists(path) ? List.of(JSON.readValue(path.toFile(), RecordedJar[].class)) : List.of();
  }
}
