package tech.flashback.connect.config;

import java.time.Duration;
import java.util.List;
import java.util.Map;
import org.apache.kafka.common.config.types.Password;

/**
 * Typed reads from a map of parsed configuration values. Both the config class (whose values are
 * all valid) and {@link ConfigValidation} (which must go on when an unrelated key is invalid, so it
 * cannot build the config class) derive settings through this, so there is one way to read a key.
 */
final class ParsedValues {

  private final Map<String, ?> values;

  ParsedValues(Map<String, ?> values) {
    this.values = values;
  }

  Object raw(String key) {
    return values.get(key);
  }

  /** The string, or {@code null} when unset or blank: UIs send "" for an empty field. */
  String optionalString(String key) {
    Object value = values.get(key);
    return value == null || value.toString().isBlank() ? null : value.toString();
  }

  /** The secret, or {@code null} when unset or blank. */
  Password optionalPassword(String key) {
    Object value = values.get(key);
    return value instanceof Password password
            && password.value() != null
            && !password.value().isBlank()
        ? password
        : null;
  }

  int intValue(String key) {
    return ((Number) values.get(key)).intValue();
  }

  long longValue(String key) {
    return ((Number) values.get(key)).longValue();
  }

  double doubleValue(String key) {
    return ((Number) values.get(key)).doubleValue();
  }

  boolean booleanValue(String key) {
    return Boolean.TRUE.equals(values.get(key));
  }

  Duration millis(String key) {
    return Duration.ofMillis(longValue(key));
  }

  /** The list's items as strings; an unset list is empty. */
  List<String> list(String key) {
    Object value = values.get(key);
    if (!(value instanceof List<?> items)) {
      return List.of();
    }
    return items.stream().map(String::valueOf).toList();
  }
}
