package dev.verity.engine.run;

import com.fasterxml.jackson.core.JacksonException;
import com.fasterxml.jackson.core.JsonLocation;
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
    if (!Files.exists(path)) {
      return List.of();
    }
    try {
      return List.of(JSON.readValue(RunFiles.text(path), RecordedJar[].class));
    } catch (JacksonException e) {
      JsonLocation at = e.getLocation();
      throw RunFormatException.at(path, at == null ? 1 : Math.max(1, at.getLineNr()), "not the list of jars Verity"
          + " writes: " + JsonProblem.describe(e) + "; " + RunFiles.RESTORE);
    }
  }
}
