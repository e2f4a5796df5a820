package dev.verity.engine.run;

import com.fasterxml.jackson.core.JacksonException;
import com.fasterxml.jackson.core.JsonLocation;
import com.fasterxml.jackson.core.io.JsonEOFException;
import com.fasterxml.jackson.databind.DatabindException;
import com.fasterxml.jackson.databind.JsonMappingException;
import com.fasterxml.jackson.databind.exc.InvalidFormatException;
import com.fasterxml.jackson.databind.exc.MismatchedInputException;
import com.fasterxml.jackson.databind.exc.ValueInstantiationException;
import java.util.Collection;

/**
 * Why a JSON file Verity writes (manifest.json, sweep.json) did not read, in the words of the file: which field,
 * as a path such as {@code runs[0].seed}, is missing or holds what kind of value it must not. Jackson's own
 * messages name Java classes and say "coll is null" when a list is missing, which tells someone whose file was
 * damaged nothing they can act on.
 */
public final class JsonProblem {
  private JsonProblem() {}

  /** A field a record read from JSON cannot do without, named as the file names it. */
  public static final class MissingField extends IllegalArgumentException {
    private static final long serialVersionUID = 1L;
    private final String key;

    MissingField(String key) {
      super("'" + key + "' is missing", null);
      this.key = key;
    }

    public String key() {
      return key;
    }
  }

  /**
   * {@code value}, checked present: a record's constructor calls this for each field it needs, so that a file
   * without one fails naming it rather than with a NullPointerException deep in a copy.
   *
   * @throws MissingField naming {@code key}
   */
  public static <T> T required(T value, String key) {
    if (value == null) {
      throw new MissingField(key);
    }
    return value;
  }

  /** What is wrong, such as {@code 'seed' is "abc", not a whole number} or {@code 'runs[0].id' is missing}. */
  public static String describe(JacksonException e) {
    if (e instanceof DatabindException && e.getCause() instanceof JacksonException syntax
        && !(syntax instanceof DatabindException)) {
      e = syntax; // a syntax error met inside a record: say so, not which record was being read
    }
    if (e instanceof JsonEOFException) {
      return "the JSON ends early (the file was cut, or is a partial copy)";
    }
    if (!(e instanceof DatabindException)) { // a syntax error: the line is in the caller's prefix
      JsonLocation at = e.getLocation();
      return "it is not valid JSON" + (at == null || at.getColumnNr() < 1 ? "" : " (column " + at.getColumnNr() + ")");
    }
    String field = path((JsonMappingException) e);
    Throwable cause = e.getCause();
    if (e instanceof ValueInstantiationException && cause instanceof MissingField missing) {
      return "'" + join(field, missing.key()) + "' is missing";
    }
    if (e instanceof ValueInstantiationException && cause instanceof IllegalArgumentException bad
        && bad.getMessage() != null && bad.getMessage().startsWith("unknown ")) {
      // a value a creator refused with its own words, such as a status that is not one Verity writes
      return (field.isEmpty() ? "" : "'" + field + "' holds an ") + bad.getMessage();
    }
    if (e instanceof MismatchedInputException m && !field.isEmpty() && m.getTargetType() != null) {
      String value = e instanceof InvalidFormatException f && f.getValue() != null ? quoted(f.getValue()) + ", "
          : "";
      return "'" + field + "' is " + value + "not " + kind(m.getTargetType());
    }
    return field.isEmpty() ? "it does not hold what Verity writes there"
        : "'" + field + "' does not hold what Verity writes there";
  }

  /** {@code runs[0].seed}: the fields and list positions Jackson was reading when it failed. */
  private static String path(JsonMappingException e) {
    StringBuilder out = new StringBuilder();
    for (JsonMappingException.Reference r : e.getPath()) {
      if (r.getFieldName() != null) {
        out.append(out.length() == 0 ? "" : ".").append(r.getFieldName());
      } else if (r.getIndex() >= 0) {
        out.append('[').append(r.getIndex()).append(']');
      }
    }
    return out.toString();
  }

  private static String join(String path, String key) {
    return path.isEmpty() ? key : path + "." + key;
  }

  private static String quoted(Object value) {
    return value instanceof String s ? "\"" + s + "\"" : String.valueOf(value);
  }

  /** What a field of {@code type} holds, as JSON says it: never a Java class's name. */
  private static String kind(Class<?> type) {
    if (type == Long.class || type == long.class || type == Integer.class || type == int.class
        || type == Short.class || type == short.class || type == java.math.BigInteger.class) {
      return "a whole number";
    }
    if (type == Double.class || type == double.class || type == Float.class || type == float.class
        || type == java.math.BigDecimal.class) {
      return "a number";
    }
    if (type == Boolean.class || type == boolean.class) {
      return "true or false";
    }
    if (type == String.class || type.isEnum()) {
      return "a text in quotes";
    }
    if (Collection.class.isAssignableFrom(type) || type.isArray()) {
      return "a list [...]";
    }
    return "an object {...}"; // a record, or a map
  }
}
