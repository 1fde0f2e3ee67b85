package tech.flashback.connect.client.json;

/** A row field that is missing or cannot be read as the type the connector needs. */
public final class MalformedRowException extends Exception {

  private static final long serialVersionUID = 1L;
  private static final int MAX_SHOWN_VALUE_CHARS = 64;

  MalformedRowException(String message) {
    super(message, null, false, false);
  }

  static MalformedRowException missing(String field) {
    return new MalformedRowException("field '" + field + "' is required but missing or null");
  }

  static MalformedRowException unexpected(String field, String expected, Object actual) {
    return new MalformedRowException(
        "field '" + field + "': expected " + expected + ", got " + describe(actual));
  }

  private static String describe(Object actual) {
    String text = actual instanceof String s ? '"' + s + '"' : RawRow.valueText(actual);
    return text.length() <= MAX_SHOWN_VALUE_CHARS
        ? text
        : text.substring(0, MAX_SHOWN_VALUE_CHARS) + "...";
  }
}
