package tech.flashback.connect.config;

import static tech.flashback.connect.config.FlashbackSourceConnectorConfig.API_TOKEN_CONFIG;

import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;
import org.apache.kafka.common.config.Config;
import org.apache.kafka.common.config.ConfigValue;

/** Shared pieces of the config tests: a distinctive token and quick ways to build and validate. */
final class ConfigTestSupport {

  /** Distinctive, so a scan for it cannot match anything by accident. */
  static final String TOKEN = "fb-cfg-tok-4b8e2d7a-SECRET-9c0f31aa";

  private ConfigTestSupport() {}

  /** The token plus the given key/value pairs. */
  static Map<String, String> props(String... keysAndValues) {
    Map<String, String> props = new HashMap<>();
    props.put(API_TOKEN_CONFIG, TOKEN);
    for (int i = 0; i < keysAndValues.length; i += 2) {
      props.put(keysAndValues[i], keysAndValues[i + 1]);
    }
    return props;
  }

  static FlashbackSourceConnectorConfig config(String... keysAndValues) {
    return new FlashbackSourceConnectorConfig(props(keysAndValues));
  }

  /** What {@code Connector.validate} would return before the cross-key checks. */
  static Config validateKeys(Map<String, String> props) {
    return new Config(FlashbackSourceConnectorConfig.CONFIG_DEF.validate(props));
  }

  /** ConfigDef validation plus the cross-key checks, without a network call. */
  static Map<String, List<String>> offlineErrors(Map<String, String> props) {
    Config config = ConfigValidation.withoutLiveCheck().validate(props, validateKeys(props));
    return errorsByKey(config);
  }

  /** The keys that have errors, with their messages. */
  static Map<String, List<String>> errorsByKey(Config config) {
    return config.configValues().stream()
        .filter(value -> !value.errorMessages().isEmpty())
        .collect(Collectors.toMap(ConfigValue::name, ConfigValue::errorMessages));
  }

  /** Every error message of a validation result. */
  static List<String> allMessages(Config config) {
    return config.configValues().stream().flatMap(value -> value.errorMessages().stream()).toList();
  }
}
