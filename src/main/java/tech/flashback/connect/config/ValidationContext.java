package tech.flashback.connect.config;

import java.util.Arrays;
import java.util.HashMap;
import java.util.Map;
import org.apache.kafka.common.config.Config;
import org.apache.kafka.common.config.ConfigValue;
import org.apache.kafka.common.config.types.Password;

/**
 * The result of {@code ConfigDef.validate} seen by key: which keys already have errors, their
 * parsed values, and a way to add an error to a key. Every message added here has the API token
 * masked, as a last line of defence: validation results are shown in UIs and REST responses.
 */
final class ValidationContext {

  private static final String MASK = "[hidden]";

  private final Map<String, String> props;
  private final Map<String, ConfigValue> byName = new HashMap<>();
  private final ParsedValues values;
  private final String token;

  ValidationContext(Map<String, String> props, Config config) {
    this.props = props;
    Map<String, Object> parsed = new HashMap<>();
    for (ConfigValue value : config.configValues()) {
      byName.put(value.name(), value);
      parsed.put(value.name(), value.value());
    }
    this.values = new ParsedValues(parsed);
    this.token = tokenOf(values.raw(FlashbackSourceConnectorConfig.API_TOKEN_CONFIG));
  }

  private static String tokenOf(Object value) {
    String token = value instanceof Password password ? password.value() : null;
    return token == null || token.strip().length() < 4 ? null : token.strip();
  }

  ParsedValues values() {
    return values;
  }

  /** Whether the key was given at all (as opposed to taking its default). */
  boolean isSet(String key) {
    return props.containsKey(key);
  }

  /** Whether every one of the keys is free of errors so far. */
  boolean valid(String... keys) {
    return Arrays.stream(keys).allMatch(key -> configValue(key).errorMessages().isEmpty());
  }

  /** Whether every one of the keys is free of errors so far. */
  boolean valid(Iterable<String> keys) {
    for (String key : keys) {
      if (!valid(key)) {
        return false;
      }
    }
    return true;
  }

  /** Adds an error to the key, with the token masked out of it. */
  void addError(String key, String message) {
    configValue(key).addErrorMessage(token == null ? message : message.replace(token, MASK));
  }

  private ConfigValue configValue(String key) {
    ConfigValue value = byName.get(key);
    if (value == null) {
      throw new IllegalArgumentException(
          "the validated Config has no value for "
              + key
              + "; pass the result of validating the"
              + " connector's ConfigDef");
    }
    return value;
  }
}
