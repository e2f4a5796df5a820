package dev.verity.kernel.render;

import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * One value in several forms, keyed by MIME type, richest first: {@code text/html}, {@code image/png} (base64),
 * {@code text/plain}. A front end shows the richest form it can.
 */
public record MimeBundle(Map<String, String> data) {
  public static final String TEXT = "text/plain";
  public static final String HTML = "text/html";
  public static final String PNG = "image/png";

  public MimeBundle {
    if (!data.containsKey(TEXT)) {
      throw new IllegalArgumentException("a MIME bundle needs a text/plain form, got " + data.keySet());
    }
    data = Collections.unmodifiableMap(new LinkedHashMap<>(data));
  }

  /** Plain text only. */
  public static MimeBundle text(String text) {
    return new MimeBundle(Map.of(TEXT, text));
  }

  /** A rich form with its plain-text fallback. */
  public static MimeBundle of(String mimeType, String value, String text) {
    Map<String, String> data = new LinkedHashMap<>();
    data.put(mimeType, value);
    data.put(TEXT, text);
    return new MimeBundle(data);
  }

  /** This bundle plus one more form. */
  public MimeBundle with(String mimeType, String value) {
    Map<String, String> more = new LinkedHashMap<>(data);
    more.put(mimeType, value);
    return new MimeBundle(more);
  }

  public String text() {
    return data.get(TEXT);
  }
}
