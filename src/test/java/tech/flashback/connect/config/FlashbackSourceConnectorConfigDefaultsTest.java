package tech.flashback.connect.config;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static tech.flashback.connect.config.ConfigTestSupport.config;
import static tech.flashback.connect.config.FlashbackSourceConnectorConfig.*;

import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import org.apache.kafka.common.config.ConfigDef;
import org.apache.kafka.common.config.ConfigDef.ConfigKey;
import org.apache.kafka.common.config.ConfigDef.Type;
import org.apache.kafka.common.config.ConfigException;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/** Every key's default, type and metadata, as documented. */
class FlashbackSourceConnectorConfigDefaultsTest {

  private static final Map<String, ConfigKey> KEYS = CONFIG_DEF.configKeys();

  static Stream<Arguments> defaults() {
    return Stream.of(
        Arguments.of(API_URL_CONFIG, Type.STRING, "https://backend.flashback.tech"),
        Arguments.of(API_ALLOW_INSECURE_HTTP_CONFIG, Type.BOOLEAN, false),
        Arguments.of(API_CONNECT_TIMEOUT_MS_CONFIG, Type.LONG, 10_000L),
        Arguments.of(API_READ_TIMEOUT_MS_CONFIG, Type.LONG, 30_000L),
        Arguments.of(API_WRITE_TIMEOUT_MS_CONFIG, Type.LONG, 10_000L),
        Arguments.of(API_CALL_TIMEOUT_MS_CONFIG, Type.LONG, 120_000L),
        Arguments.of(API_RETRY_MAX_ATTEMPTS_CONFIG, Type.INT, 6),
        Arguments.of(API_RETRY_BACKOFF_MS_CONFIG, Type.LONG, 500L),
        Arguments.of(API_RETRY_BACKOFF_MAX_MS_CONFIG, Type.LONG, 30_000L),
        Arguments.of(API_RETRY_AFTER_MAX_MS_CONFIG, Type.LONG, 300_000L),
        Arguments.of(API_MAX_REQUESTS_PER_SECOND_CONFIG, Type.DOUBLE, 0.0),
        Arguments.of(API_MAX_RESPONSE_BYTES_CONFIG, Type.LONG, 67_108_864L),
        Arguments.of(API_BUCKET_IDS_PER_REQUEST_CONFIG, Type.INT, 100),
        Arguments.of(PROXY_HOST_CONFIG, Type.STRING, null),
        Arguments.of(PROXY_PORT_CONFIG, Type.INT, 3128),
        Arguments.of(PROXY_USERNAME_CONFIG, Type.STRING, null),
        Arguments.of(PROXY_PASSWORD_CONFIG, Type.PASSWORD, null),
        Arguments.of(TRUSTSTORE_PATH_CONFIG, Type.STRING, null),
        Arguments.of(TRUSTSTORE_PASSWORD_CONFIG, Type.PASSWORD, null),
        Arguments.of(TRUSTSTORE_TYPE_CONFIG, Type.STRING, "PKCS12"),
        Arguments.of(WORKSPACE_ID_CONFIG, Type.STRING, null),
        Arguments.of(BUCKET_IDS_CONFIG, Type.LIST, List.of()),
        Arguments.of(BUCKET_INCLUDE_PATTERN_CONFIG, Type.STRING, null),
        Arguments.of(BUCKET_EXCLUDE_PATTERN_CONFIG, Type.STRING, null),
        Arguments.of(BUCKET_RELIST_INTERVAL_MS_CONFIG, Type.LONG, 300_000L),
        Arguments.of(
            STREAMS_CONFIG, Type.LIST, List.of("buckets", "bucket-totals", "node-daily", "minute")),
        Arguments.of(TOPIC_PREFIX_CONFIG, Type.STRING, "flashback."),
        Arguments.of(BUCKETS_TOPIC_CONFIG, Type.STRING, null),
        Arguments.of(BUCKET_TOTALS_TOPIC_CONFIG, Type.STRING, null),
        Arguments.of(NODE_DAILY_TOPIC_CONFIG, Type.STRING, null),
        Arguments.of(MINUTE_TOPIC_CONFIG, Type.STRING, null),
        Arguments.of(BUCKETS_INTERVAL_MS_CONFIG, Type.LONG, 300_000L),
        Arguments.of(BUCKET_TOTALS_INTERVAL_MS_CONFIG, Type.LONG, 300_000L),
        Arguments.of(MINUTE_POLL_INTERVAL_MS_CONFIG, Type.LONG, 60_000L),
        Arguments.of(MINUTE_LAG_MS_CONFIG, Type.LONG, 180_000L),
        Arguments.of(MINUTE_BACKFILL_START_CONFIG, Type.STRING, "PT1H"),
        Arguments.of(MINUTE_WINDOW_MAX_MS_CONFIG, Type.LONG, 3_600_000L),
        Arguments.of(NODE_DAILY_BACKFILL_START_CONFIG, Type.STRING, "P7D"),
        Arguments.of(NODE_DAILY_SETTLE_DELAY_MS_CONFIG, Type.LONG, 3_600_000L),
        Arguments.of(POLL_MAX_RECORDS_CONFIG, Type.INT, 2000),
        Arguments.of(MALFORMED_ROW_POLICY_CONFIG, Type.STRING, "fail"),
        Arguments.of(ERROR_TOPIC_CONFIG, Type.STRING, null));
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("defaults")
  void everyKeyHasItsDocumentedTypeAndDefault(String name, Type type, Object expected) {
    ConfigKey key = KEYS.get(name);
    assertThat(key).as(name).isNotNull();
    assertThat(key.type).as(name).isEqualTo(type);
    assertThat(key.defaultValue).as(name).isEqualTo(expected);
    assertThat(config().values().get(name)).as(name).isEqualTo(expected);
  }

  @Test
  void theDefinitionHasExactlyTheDocumentedKeysPlusTheRequiredToken() {
    assertThat(KEYS.keySet())
        .hasSize((int) defaults().count() + 1)
        .contains(API_TOKEN_CONFIG)
        .allMatch(name -> name.startsWith("flashback."));
  }

  @Test
  void theTokenIsARequiredPassword() {
    ConfigKey token = KEYS.get(API_TOKEN_CONFIG);
    assertThat(token.type).isEqualTo(Type.PASSWORD);
    assertThat(token.hasDefault()).isFalse();
    assertThatThrownBy(() -> new FlashbackSourceConnectorConfig(Map.of()))
        .isInstanceOf(ConfigException.class)
        .hasMessageContaining(API_TOKEN_CONFIG);
  }

  @Test
  void everySecretIsAPassword() {
    assertThat(KEYS.values())
        .filteredOn(key -> key.name.contains("password") || key.name.contains("token"))
        .allMatch(key -> key.type == Type.PASSWORD);
  }

  @Test
  void everyKeyHasADocDisplayNameImportanceAndGroupInOrder() {
    assertThat(KEYS.values())
        .allSatisfy(
            key -> {
              assertThat(key.documentation).as(key.name).isNotBlank();
              assertThat(key.displayName).as(key.name).isNotBlank();
              assertThat(key.importance).as(key.name).isNotNull();
              assertThat(key.group).as(key.name).isNotBlank();
              assertThat(key.orderInGroup).as(key.name).isPositive();
            });
    assertThat(CONFIG_DEF.groups())
        .containsExactly("API", "Proxy and TLS", "Buckets", "Streams", "Records");
  }

  @Test
  void orderInGroupCountsOneUpWithinEachGroup() {
    for (String group : CONFIG_DEF.groups()) {
      assertThat(KEYS.values())
          .filteredOn(key -> group.equals(key.group))
          .extracting(key -> key.orderInGroup)
          .as(group)
          .containsExactlyElementsOf(
              java.util.stream.IntStream.rangeClosed(
                      1, (int) KEYS.values().stream().filter(k -> group.equals(k.group)).count())
                  .boxed()
                  .toList());
    }
  }

  @Test
  void everyDurationKeyEndsInMsAndIsALong() {
    assertThat(KEYS.values())
        .filteredOn(key -> key.name.endsWith(".ms"))
        .hasSize(14)
        .allMatch(key -> key.type == Type.LONG);
  }

  @Test
  void connectsOwnKeysAreNotRedefined() {
    assertThat(KEYS)
        .doesNotContainKeys(
            "name",
            "connector.class",
            "tasks.max",
            "errors.tolerance",
            "key.converter",
            "value.converter",
            "topic.creation.groups",
            "exactly.once.support");
  }

  @Test
  void configDefReturnsAFreshCopyEachTime() {
    ConfigDef copy = FlashbackSourceConnectorConfig.configDef();
    copy.define("x.extra", Type.STRING, ConfigDef.Importance.LOW, "extra");
    assertThat(CONFIG_DEF.names()).doesNotContain("x.extra");
  }
}
