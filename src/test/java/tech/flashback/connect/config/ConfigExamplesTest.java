package tech.flashback.connect.config;

import static org.assertj.core.api.Assertions.assertThat;
import static tech.flashback.connect.config.ConfigTestSupport.errorsByKey;
import static tech.flashback.connect.testing.ConfigFiles.load;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import org.apache.kafka.common.config.AbstractConfig;
import org.apache.kafka.common.config.Config;
import org.apache.kafka.common.config.ConfigDef;
import org.apache.kafka.common.config.provider.EnvVarConfigProvider;
import org.apache.kafka.common.config.provider.FileConfigProvider;
import org.apache.kafka.connect.json.JsonConverter;
import org.apache.kafka.connect.runtime.SourceConnectorConfig;
import org.apache.kafka.connect.runtime.distributed.DistributedConfig;
import org.apache.kafka.connect.runtime.standalone.StandaloneConfig;
import org.apache.kafka.connect.source.ConnectorTransactionBoundaries;
import org.apache.kafka.connect.source.ExactlyOnceSupport;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;
import tech.flashback.connect.FlashbackSourceConnector;
import tech.flashback.connect.testing.ConfigFiles;

/**
 * The examples under {@code config/} stay ready to use as keys change. Every connector config
 * (properties for a standalone worker, REST JSON for a distributed one) passes the connector's own
 * validation and Connect's checks of its keys; its secrets are config provider references; and
 * every reference is one the matching worker example can resolve.
 */
class ConfigExamplesTest {

  private static final Path CONFIG = Path.of("config");

  /** Not on Maven Central, so only its name can be checked here; the docker/ stack runs it. */
  private static final String CONFLUENT_AVRO_CONVERTER = "io.confluent.connect.avro.AvroConverter";

  private static final Pattern REFERENCE = ConfigFiles.PROVIDER_REFERENCE;

  static Stream<Path> connectorConfigs() throws IOException {
    return examples().filter(file -> load(file).containsKey("connector.class"));
  }

  static Stream<Path> workerConfigs() throws IOException {
    return examples().filter(file -> !load(file).containsKey("connector.class"));
  }

  private static Stream<Path> examples() throws IOException {
    try (Stream<Path> files = Files.list(CONFIG)) {
      List<Path> all =
          files
              .filter(f -> f.toString().endsWith(".properties") || f.toString().endsWith(".json"))
              .sorted()
              .toList();
      return all.stream();
    }
  }

  @Test
  void theExamplesIncludeEveryKindOfConfig() throws IOException {
    assertThat(connectorConfigs().map(ConfigExamplesTest::fileName))
        .contains(
            "flashback-source.properties",
            "flashback-source-avro.json",
            "flashback-source-exactly-once.json",
            "flashback-minute-one-workspace.json",
            "flashback-source-simulator.json");
    assertThat(workerConfigs().map(ConfigExamplesTest::fileName))
        .containsExactlyInAnyOrder(
            "connect-standalone.properties", "connect-distributed.properties");
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("connectorConfigs")
  void everyConnectorConfigPassesTheConnectorsValidation(Path file) {
    Map<String, String> props = resolved(load(file));

    Config result =
        ConfigValidation.withoutLiveCheck()
            .validate(
                props,
                new Config(
                    new ArrayList<>(
                        FlashbackSourceConnectorConfig.CONFIG_DEF.validateAll(props).values())));

    assertThat(errorsByKey(result)).isEmpty();
    assertThat(new FlashbackSourceConnectorConfig(props).enabledStreams()).isNotEmpty();
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("connectorConfigs")
  void secretsInEveryConnectorConfigAreConfigProviderReferences(Path file) {
    Map<String, String> props = load(file);

    assertThat(props.get(FlashbackSourceConnectorConfig.API_TOKEN_CONFIG))
        .as("the token in %s", file)
        .matches("\\$\\{(env|file):[^}]+}");
    for (var key : FlashbackSourceConnectorConfig.CONFIG_DEF.configKeys().values()) {
      if (key.type == ConfigDef.Type.PASSWORD && props.containsKey(key.name)) {
        assertThat(props.get(key.name)).as("%s in %s", key.name, file).matches(REFERENCE);
      }
    }
  }

  /**
   * What the worker checks besides the connector: Connect's own keys (converters, topic creation
   * groups, exactly-once), and that the connector supports the exactly-once settings asked for.
   */
  @ParameterizedTest(name = "{0}")
  @MethodSource("connectorConfigs")
  void connectAcceptsTheConnectKeysOfEveryConnectorConfig(Path file) {
    Map<String, String> props = withAvailableConverters(resolved(load(file)));
    ConfigDef keys = SourceConnectorConfig.configDef();
    if (SourceConnectorConfig.usesTopicCreation(props)) {
      ConfigDef withDefaultGroup = SourceConnectorConfig.embedDefaultGroup(keys);
      keys =
          SourceConnectorConfig.enrich(
              withDefaultGroup, props, new AbstractConfig(withDefaultGroup, props));
    }

    Map<String, List<String>> errors = errorsByKey(new Config(keys.validate(props)));

    assertThat(errors).isEmpty();
    FlashbackSourceConnector connector = new FlashbackSourceConnector();
    if ("required".equals(props.get("exactly.once.support"))) {
      assertThat(connector.exactlyOnceSupport(props)).isEqualTo(ExactlyOnceSupport.SUPPORTED);
    }
    if ("connector".equals(props.get("transaction.boundary"))) {
      assertThat(connector.canDefineTransactionBoundaries(props))
          .isEqualTo(ConnectorTransactionBoundaries.SUPPORTED);
    }
  }

  @Test
  void theCatalogTopicIsCreatedCompactedWhereverAConfigCreatesTopics() throws IOException {
    for (Path file : connectorConfigs().toList()) {
      Map<String, String> props = load(file);
      if (!props.containsKey("topic.creation.default.replication.factor")) {
        continue;
      }
      String catalogTopic = props.getOrDefault("flashback.topic.prefix", "flashback.") + "buckets";
      String group =
          List.of(props.getOrDefault("topic.creation.groups", "").split(",")).stream()
              .map(String::trim)
              .filter(g -> catalogTopic.matches(props.get("topic.creation." + g + ".include")))
              .findFirst()
              .orElse(null);
      assertThat(group).as("a topic creation group for %s in %s", catalogTopic, file).isNotNull();
      assertThat(props.get("topic.creation." + group + ".cleanup.policy"))
          .as("cleanup.policy of %s in %s", catalogTopic, file)
          .isEqualTo("compact");
    }
  }

  /**
   * Constructing the worker config also starts its config providers; the file provider refuses
   * allowed paths that do not exist, so here they point at a directory that does.
   */
  @ParameterizedTest(name = "{0}")
  @MethodSource("workerConfigs")
  void everyWorkerConfigIsAcceptedByConnect(Path file, @TempDir Path secrets) {
    Map<String, String> props = withAvailableConverters(load(file));
    assertThat(props)
        .containsKeys(
            "config.providers.env.param." + EnvVarConfigProvider.ALLOWLIST_PATTERN_CONFIG,
            "config.providers.file.param." + FileConfigProvider.ALLOWED_PATHS_CONFIG);
    props.put(
        "config.providers.file.param." + FileConfigProvider.ALLOWED_PATHS_CONFIG,
        secrets.toString());

    if (props.containsKey("group.id")) {
      DistributedConfig config = new DistributedConfig(props);
      assertThat(config.exactlyOnceSourceEnabled()).isTrue();
    } else {
      new StandaloneConfig(props);
    }
    assertThat(props.get("config.providers")).isEqualTo("env,file");
  }

  /**
   * Standalone connector configs (properties) run on the standalone worker example, REST JSON ones
   * on the distributed one: each secret reference must name a provider that worker declares, an
   * environment variable its allowlist lets through, or a file inside its allowed paths.
   */
  @ParameterizedTest(name = "{0}")
  @MethodSource("connectorConfigs")
  void theWorkerExampleCanResolveEveryReferenceOfAConnectorConfig(Path file) {
    Path workerFile =
        CONFIG.resolve(
            file.toString().endsWith(".json")
                ? "connect-distributed.properties"
                : "connect-standalone.properties");
    Map<String, String> worker = load(workerFile);
    List<String> providers = List.of(worker.get("config.providers").split(","));

    for (Map.Entry<String, String> entry : load(file).entrySet()) {
      Matcher reference = REFERENCE.matcher(entry.getValue());
      while (reference.find()) {
        String provider = reference.group(1);
        String what = entry.getKey() + " in " + file + " on " + workerFile;
        assertThat(providers).as(what).contains(provider);
        String param = "config.providers." + provider + ".param.";
        if (provider.equals("env")) {
          assertThat(reference.group(3)).as(what).matches(worker.get(param + "allowlist.pattern"));
        } else if (provider.equals("file")) {
          String allowed = worker.get(param + "allowed.paths");
          assertThat(List.of(allowed.split(",")))
              .as(what)
              .anyMatch(dir -> Path.of(reference.group(2)).startsWith(Path.of(dir)));
        }
      }
    }
  }

  private static String fileName(Path file) {
    return file.getFileName().toString();
  }

  /** Every {@code ${...}} reference replaced by a value, as the worker's provider resolves it. */
  private static Map<String, String> resolved(Map<String, String> props) {
    Map<String, String> resolved = new LinkedHashMap<>();
    props.forEach(
        (key, value) ->
            resolved.put(key, REFERENCE.matcher(value).replaceAll("resolved-by-the-provider")));
    return resolved;
  }

  /** Confluent's Avro converter (not on this class path) replaced by one that is. */
  private static Map<String, String> withAvailableConverters(Map<String, String> props) {
    Map<String, String> available = new HashMap<>(props);
    available.replaceAll(
        (key, value) ->
            key.endsWith("converter") && value.equals(CONFLUENT_AVRO_CONVERTER)
                ? JsonConverter.class.getName()
                : value);
    return available;
  }
}
