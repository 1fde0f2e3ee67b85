package tech.flashback.connect.offset;

import java.time.LocalDate;
import java.time.format.DateTimeParseException;
import java.util.Map;

/**
 * Typed reads from a stored offset map. Stored numbers come back from Connect's JSON converter as
 * Integer or Long depending on their size, so every number is read as {@link Number}.
 */
final class OffsetFields {

  static final String VERSION = "v";
  static final int CURRENT_VERSION = 1;

  private OffsetFields() {}

  static void requireVersion(Map<String, ?> offset) {
    long version = requireLong(offset, VERSION);
    if (version != CURRENT_VERSION) {
      throw new IllegalArgumentException(
          "offset field 'v' must be " + CURRENT_VERSION + ", was " + version);
    }
  }

  static long requireLong(Map<String, ?> offset, String field) {
    Object value = offset.get(field);
    if (!(value instanceof Number number)) {
      throw invalid(field, "a number", value);
    }
    if (number instanceof Double || number instanceof Float) {
      double d = number.doubleValue();
      if (d != Math.rint(d)) {
        throw invalid(field, "a whole number", value);
      }
    }
    return number.longValue();
  }

  static String optionalString(Map<String, ?> offset, String field) {
    Object value = offset.get(field);
    if (value == null || value instanceof String) {
      return (String) value;
    }
    throw invalid(field, "a string", value);
  }

  static String requireString(Map<String, ?> offset, String field) {
    String value = optionalString(offset, field);
    if (value == null || value.isBlank()) {
      throw invalid(field, "a non-empty string", offset.get(field));
    }
    return value;
  }

  static boolean optionalBoolean(Map<String, ?> offset, String field) {
    Object value = offset.get(field);
    if (value == null) {
      return false;
    }
    if (value instanceof Boolean b) {
      return b;
    }
    throw invalid(field, "true or false", value);
  }

  static LocalDate requireDate(Map<String, ?> offset, String field) {
    String text = requireString(offset, field);
    try {
      return LocalDate.parse(text);
    } catch (DateTimeParseException e) {
      throw invalid(field, "an ISO date like 2024-01-15", text);
    }
  }

  static IllegalArgumentException invalid(String field, String expected, Object actual) {
    String shown = actual instanceof String s ? '"' + s + '"' : String.valueOf(actual);
    return new IllegalArgumentException(
        "offset field '" + field + "' must be " + expected + ", was " + shown);
  }
}
