package dev.verity.engine.task;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.StreamReadFeature;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.json.JsonMapper;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/** Reads a JSON Lines file of problems (one object per line; blank lines skipped) with clear errors. */
final class JsonlLoader {
  private static final ObjectMapper JSON =
      JsonMapper.builder()
          .enable(DeserializationFeature.FAIL_ON_TRAILING_TOKENS)
          .enable(StreamReadFeature.STRICT_DUPLICATE_DETECTION)
          .build();

  private final Path path;
  private final String promptField;
  private final String answerField;
  private final String traceField;
  private final String levelField;
  private final AnswerRule rule;

  /** A null trace or level field: no traces, every problem at level 0. Answers and traces must suit {@code rule}. */
  JsonlLoader(JsonlTask.Source source, AnswerRule rule) {
    this.path = source.path();
    this.promptField = source.promptField();
    this.answerField = source.answerField();
    this.traceField = source.traceField();
    this.levelField = source.levelField();
    this.rule = rule;
  }

  List<JsonlTask.Entry> load() {
    if (!Files.exists(path)) {
      throw new TaskDataException(path, 0, null, "no such file: " + path.toAbsolutePath());
    }
    if (!Files.isRegularFile(path)) {
      throw new TaskDataException(path, 0, null, "not a file: " + path.toAbsolutePath());
    }
    byte[] data;
    try {
      data = Files.readAllBytes(path);
    } catch (IOException e) {
      throw new TaskDataException(path, 0, null, "cannot read " + path.toAbsolutePath() + ": " + e.getMessage());
    }
    List<JsonlTask.Entry> entries = new ArrayList<>();
    int number = 0;
    for (int start = 0; start < data.length; ) {
      int end = start;
      while (end < data.length && data[end] != '\n') {
        end++;
      }
      number++;
      String line = decode(data, start, end, number);
      if (number == 1 && line.startsWith("\uFEFF")) {
        line = line.substring(1); // a byte-order mark some editors write
      }
      if (!line.isBlank()) {
        entries.add(entry(parse(line, number), number));
      }
      start = end + 1;
    }
    if (entries.isEmpty()) {
      throw new TaskDataException(
          path, 0, null, "no problems in the file; write one JSON object per line, e.g. " + example());
    }
    return entries;
  }

  /** One line decoded strictly, so a bad byte is reported on its own line rather than passed on as '?'. */
  private String decode(byte[] data, int start, int end, int number) {
    try {
      String line =
          StandardCharsets.UTF_8
              .newDecoder()
              .onMalformedInput(CodingErrorAction.REPORT)
              .onUnmappableCharacter(CodingErrorAction.REPORT)
              .decode(ByteBuffer.wrap(data, start, end - start))
              .toString();
      return line.endsWith("\r") ? line.substring(0, line.length() - 1) : line;
    } catch (CharacterCodingException e) {
      throw new TaskDataException(path, number, null, "not UTF-8 text; save the file as UTF-8");
    }
  }

  private JsonNode parse(String line, int number) {
    JsonNode node;
    try {
      node = JSON.readTree(line);
    } catch (JsonProcessingException e) {
      int column = e.getLocation() == null ? 0 : e.getLocation().getColumnNr();
      throw new TaskDataException(
          path, number, null, "invalid JSON" + (column > 0 ? " at column " + column : "") + ": "
              + plain(e.getOriginalMessage()));
    }
    if (!node.isObject()) {
      throw new TaskDataException(
          path, number, null, "expected a JSON object such as " + example() + ", found " + kind(node));
    }
    return node;
  }

  private JsonlTask.Entry entry(JsonNode node, int number) {
    String prompt = text(node, promptField, number, true);
    String answer = text(node, answerField, number, true);
    if (rule.extract().isEmpty() && answer.indexOf(Answers.MARK) >= 0) {
      throw new TaskDataException(
          path, number, answerField,
          "field '" + answerField + "' contains '>', which marks where a response's final answer starts; "
              + "remove it from the answer");
    }
    if (rule.comparison() == AnswerRule.Comparison.NUMERIC && AnswerRule.number(answer).isEmpty()) {
      throw new TaskDataException(path, number, answerField, "compare: numeric needs a number in field '"
          + answerField + "', found '" + answer + "'; write it as 42, -0.5 or 1e3, or compare as text");
    }
    String trace = traceField == null ? null : text(node, traceField, number, false);
    if (rule.extract().isPresent() && trace != null && !trace.isEmpty() && !rule.verify(answer, trace)) {
      throw new TaskDataException(path, number, traceField, "extract: re\"" + rule.extract().get().pattern()
          + "\" reads '" + rule.extract(trace) + "' from this trace, not the answer '" + answer + "'; end the trace"
          + " with the answer written the way the regex reads it");
    }
    int level = 0;
    JsonNode levelNode = levelField == null ? null : node.get(levelField);
    if (levelNode != null && !levelNode.isNull()) {
      if (!levelNode.canConvertToInt() || !levelNode.isIntegralNumber()) {
        throw new TaskDataException(
            path, number, levelField,
            "field '" + levelField + "' must be a whole number, found " + kind(levelNode) + " " + levelNode);
      }
      level = levelNode.intValue();
    }
    return new JsonlTask.Entry(new Problem(prompt, answer, level), trace);
  }

  /** The field's text; a required field must be there and non-empty, an optional one may be absent (null). */
  private String text(JsonNode node, String field, int number, boolean required) {
    JsonNode value = node.get(field);
    if (value == null || value.isNull()) {
      if (!required) {
        return null;
      }
      throw new TaskDataException(
          path, number, field,
          value == null
              ? "missing field '" + field + "' (" + fieldsThere(node) + ")"
              : "field '" + field + "' is null; give it a string");
    }
    if (!value.isTextual()) {
      String fix = value.isValueNode() ? "; write it in quotes, e.g. \"" + field + "\": \"" + value.asText() + "\"" : "";
      throw new TaskDataException(
          path, number, field, "field '" + field + "' must be a string, found " + kind(value) + " " + value + fix);
    }
    if (required && value.textValue().isEmpty()) {
      throw new TaskDataException(path, number, field, "field '" + field + "' is empty");
    }
    return value.textValue();
  }

  /**
   * Jackson's reason in plain words, without its parser internals ("[Source: REDACTED
   * (StreamReadFeature.INCLUDE_SOURCE_IN_LOCATION disabled); line: 1, column: 9]", "(code 120)").
   */
  static String plain(String jackson) {
    String first = jackson == null ? "" : jackson.lines().findFirst().orElse("");
    if (first.startsWith("Unexpected end-of-input")) {
      return "the line ends before the JSON is complete; close every string with \" and the object with }"
          + " (each problem must be on one line)";
    }
    String why = first.replaceAll("\\s*\\(?(start marker at )?\\[Source:.*$", "")
        .replaceAll(" \\(code \\d+\\)", "")
        .replaceAll("\\(StreamReadFeature[^)]*\\)", "")
        .strip();
    return why.isEmpty() ? "not valid JSON" : why;
  }

  private String example() {
    return "{\"" + promptField + "\": \"what is 12 plus 30?\", \"" + answerField + "\": \"42\"}";
  }

  private static String fieldsThere(JsonNode node) {
    List<String> names = new ArrayList<>();
    node.fieldNames().forEachRemaining(names::add);
    return names.isEmpty() ? "the object there is empty" : "fields there: " + String.join(", ", names);
  }

  private static String kind(JsonNode node) {
    return switch (node.getNodeType()) {
      case ARRAY -> "an array";
      case OBJECT -> "an object";
      case NUMBER -> "a number";
      case BOOLEAN -> "a boolean";
      case STRING -> "a string";
      case NULL -> "null";
      default -> "a " + node.getNodeType().name().toLowerCase(java.util.Locale.ROOT);
    };
  }
}
