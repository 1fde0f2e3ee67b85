package tech.flashback.connect.config;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.Reader;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import org.apache.kafka.common.config.Config;
import org.apache.kafka.common.config.ConfigValue;
import org.junit.jupiter.api.Test;

/** The examples under config/ must stay valid as keys change. */
class ConfigExamplesTest {

  @Test
  void theStandaloneExampleValidatesWithoutErrors() throws Exception {
    Properties example = new Properties();
    try (Reader in = Files.newBufferedReader(Path.of("config/flashback-source.properties"))) {
      example.load(in);
    }
    Map<String, String> props = new HashMap<>();
    example.forEach((k, v) -> props.put((String) k, (String) v));
    assertThat(props.get("flashback.api.token")).startsWith("${env:");
    props.put("flashback.api.token", "resolved-by-the-config-provider");

    Config result =
        ConfigValidation.withoutLiveCheck()
            .validate(
                props,
                new Config(
                    new ArrayList<>(
                        FlashbackSourceConnectorConfig.CONFIG_DEF.validateAll(props).values())));

    List<String> errors =
        result.configValues().stream()
            .filter(v -> !v.errorMessages().isEmpty())
            .map(ConfigValue::name)
            .toList();
    assertThat(errors).isEmpty();
  }
}
