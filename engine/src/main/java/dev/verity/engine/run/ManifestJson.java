package dev.verity.engine.run;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonProperty;
import com.fasterxml.jackson.annotation.JsonPropertyOrder;
import com.fasterxml.jackson.core.JacksonException;
import com.fasterxml.jackson.core.JsonLocation;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import dev.verity.engine.checkpoint.AtomicFiles;
import java.io.IOException;
import java.nio.file.InvalidPathException;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.time.Instant;
import java.time.format.DateTimeParseException;
import java.util.List;
import java.util.Optional;

/** manifest.json: a {@link Manifest} as pretty JSON with snake_case keys, replaced atomically on every change. */
final class ManifestJson {
  private ManifestJson() {}

  private static final ObjectMapper MAPPER = new ObjectMapper().enable(SerializationFeature.INDENT_OUTPUT);

  /**
   * The file's shape: plain values, null where the manifest has nothing, times as ISO-8601 strings; {@code
   * base_dir}, {@code checkpoint_every}, {@code keep_checkpoints} and {@code replay_of} only when recorded, so
   * manifests written before they existed read and write as they were. {@code keep_checkpoints} is a number or
   * {@code "all"}.
   */
  @JsonPropertyOrder({
    "experiment", "source_sha256", "seed", "overrides", "versions", "threads", "device", "base_dir",
    "checkpoint_every", "keep_checkpoints", "replay_of", "started_at",
    "ended_at", "status", "error", "stages"
  })
  private record Doc(
      @JsonProperty("experiment") String experiment,
      @JsonProperty("source_sha256") String sourceSha256,
      @JsonProperty("seed") Long seed,
      @JsonProperty("overrides") List<String> overrides,
      @JsonProperty("versions") Manifest.Versions versions,
      @JsonProperty("threads") Integer threads,
      @JsonProperty("device") String device,
      @JsonProperty("base_dir") @JsonInclude(JsonInclude.Include.NON_NULL) String baseDir,
      @JsonProperty("checkpoint_every") @JsonInclude(JsonInclude.Include.NON_NULL) Integer checkpointEvery,
      @JsonProperty("keep_checkpoints") @JsonInclude(JsonInclude.Include.NON_NULL) Object keepCheckpoints,
      @JsonProperty("replay_of") @JsonInclude(JsonInclude.Include.NON_NULL) String replayOf,
      @JsonProperty("started_at") String startedAt,
      @JsonProperty("ended_at") String endedAt,
      @JsonProperty("status") String status,
      @JsonProperty("error") String error,
      @JsonProperty("stages") List<String> stages) {}

  static void write(Path file, Manifest m) throws IOException {
    Doc doc = new Doc(m.experiment(), m.sourceSha256(), m.seed(), m.overrides(), m.versions(), m.threads(),
        m.device(), m.baseDir().map(Path::toString).orElse(null), m.checkpointEvery().orElse(null),
        m.keepCheckpoints().map(ManifestJson::keepValue).orElse(null), m.replayOf().orElse(null),
        m.startedAt().toString(),
        m.endedAt().map(Instant::toString).orElse(null), m.status().label(), m.error().orElse(null), m.stages());
    byte[] bytes = MAPPER.writeValueAsBytes(doc);
    AtomicFiles.write(file, out -> {
      out.write(bytes);
      out.write('\n');
    });
  }

  static Manifest read(Path file) throws IOException {
    Doc d;
    try {
      d = MAPPER.readValue(RunFiles.text(file), Doc.class);
    } catch (NoSuchFileException e) {
      throw new RunFormatException(file + ": missing; the run was never started (no manifest was written)");
    } catch (JacksonException e) {
      if (e.getCause() instanceof NullPointerException npe && npe.getMessage() != null) {
        throw new RunFormatException(file + ": '" + npe.getMessage() + "' is missing"); // a nested record's check
      }
      JsonLocation at = e.getLocation();
      long line = at == null ? 1 : Math.max(1, at.getLineNr());
      throw RunFormatException.at(file, line, "not a Verity manifest: " + JsonProblem.describe(e));
    }
    if (d == null) {
      throw RunFormatException.at(file, 1, "empty manifest");
    }
    try {
      return new Manifest(
          required(d.experiment(), "experiment"), required(d.sourceSha256(), "source_sha256"),
          required(d.seed(), "seed"), required(d.overrides(), "overrides"), required(d.versions(), "versions"),
          required(d.threads(), "threads"), required(d.device(), "device"),
          Instant.parse(required(d.startedAt(), "started_at")),
          Optional.ofNullable(d.endedAt()).map(Instant::parse), RunStatus.of(required(d.status(), "status")),
          Optional.ofNullable(d.error()), required(d.stages(), "stages"),
          Optional.ofNullable(d.baseDir()).map(Path::of), Optional.ofNullable(d.checkpointEvery()),
          Optional.ofNullable(d.keepCheckpoints()).map(k -> KeepCheckpoints.parse(String.valueOf(k))),
          Optional.ofNullable(d.replayOf()));
    } catch (InvalidPathException e) {
      throw new RunFormatException(file + ": 'base_dir' is not a path: " + e.getMessage());
    } catch (DateTimeParseException e) {
      throw new RunFormatException(file + ": a time is not ISO-8601: '" + e.getParsedString() + "'");
    } catch (IllegalArgumentException e) {
      throw new RunFormatException(file + ": " + e.getMessage());
    } catch (NullPointerException e) { // from a record's null checks, which name the key
      String key = e.getMessage() == null ? "an element of 'overrides' or 'stages'" : "'" + e.getMessage() + "'";
      throw new RunFormatException(file + ": " + key + " is missing");
    }
  }

  /** A count as a JSON number, every checkpoint as {@code "all"}. */
  private static Object keepValue(KeepCheckpoints keep) {
    return keep.all() ? "all" : keep.count();
  }

  private static <T> T required(T value, String key) {
    if (value == null) {
      throw new IllegalArgumentException("'" + key + "' is missing");
    }
    return value;
  }
}
