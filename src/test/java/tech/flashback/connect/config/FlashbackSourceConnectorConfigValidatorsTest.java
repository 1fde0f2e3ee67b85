package tech.flashback.connect.config;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatCode;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static tech.flashback.connect.config.ConfigTestSupport.props;
import static tech.flashback.connect.config.FlashbackSourceConnectorConfig.*;

import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import org.apache.kafka.common.config.ConfigException;
import org.apache.kafka.common.config.ConfigValue;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/** Every single-key validator: bad values are refused with a message naming the key and rule. */
class FlashbackSourceConnectorConfigValidatorsTest {

  static Stream<Arguments> badValues() {
    return Stream.of(
        Arguments.of(API_URL_CONFIG, "ftp://backend.flashback.tech", "http:// or https:// URL"),
        Arguments.of(API_URL_CONFIG, "backend.flashback.tech", "http:// or https:// URL"),
        Arguments.of(API_URL_CONFIG, "https://", "http:// or https:// URL"),
        Arguments.of(API_URL_CONFIG, "", "http:// or https:// URL"),
        Arguments.of(API_TOKEN_CONFIG, "   ", "non-empty secret"),
        Arguments.of(API_ALLOW_INSECURE_HTTP_CONFIG, "yes", "true or false"),
        Arguments.of(API_CONNECT_TIMEOUT_MS_CONFIG, "0", "at least 1"),
        Arguments.of(API_READ_TIMEOUT_MS_CONFIG, "0", "at least 1"),
        Arguments.of(API_WRITE_TIMEOUT_MS_CONFIG, "-5", "at least 1"),
        Arguments.of(API_CALL_TIMEOUT_MS_CONFIG, "0", "at least 1"),
        Arguments.of(API_CALL_TIMEOUT_MS_CONFIG, "2m", "Not a number"),
        Arguments.of(API_RETRY_MAX_ATTEMPTS_CONFIG, "0", "at least 1"),
        Arguments.of(API_RETRY_MAX_ATTEMPTS_CONFIG, "101", "no more than 100"),
        Arguments.of(API_RETRY_BACKOFF_MS_CONFIG, "-1", "at least 0"),
        Arguments.of(API_RETRY_BACKOFF_MAX_MS_CONFIG, "-1", "at least 0"),
        Arguments.of(API_RETRY_AFTER_MAX_MS_CONFIG, "-1", "at least 0"),
        Arguments.of(API_MAX_REQUESTS_PER_SECOND_CONFIG, "-0.5", "at least 0"),
        Arguments.of(API_MAX_RESPONSE_BYTES_CONFIG, "1023", "at least 1024"),
        Arguments.of(API_BUCKET_IDS_PER_REQUEST_CONFIG, "0", "at least 1"),
        Arguments.of(API_BUCKET_IDS_PER_REQUEST_CONFIG, "1001", "no more than 1000"),
        Arguments.of(PROXY_PORT_CONFIG, "0", "at least 1"),
        Arguments.of(PROXY_PORT_CONFIG, "65536", "no more than 65535"),
        Arguments.of(TRUSTSTORE_TYPE_CONFIG, "PEM", "JKS, PKCS12"),
        Arguments.of(BUCKET_IDS_CONFIG, "a,,b", "without empty items"),
        Arguments.of(BUCKET_IDS_CONFIG, "a,b,a", "'a' is listed more than once"),
        Arguments.of(BUCKET_INCLUDE_PATTERN_CONFIG, "prod-(", "a Java regular expression"),
        Arguments.of(BUCKET_EXCLUDE_PATTERN_CONFIG, "[a-", "a Java regular expression"),
        Arguments.of(BUCKET_RELIST_INTERVAL_MS_CONFIG, "999", "at least 1000"),
        Arguments.of(STREAMS_CONFIG, "buckets,hourly", "must be one of"),
        Arguments.of(STREAMS_CONFIG, "", "must not be empty"),
        Arguments.of(TOPIC_PREFIX_CONFIG, "flash back.", "ASCII letters, digits"),
        Arguments.of(TOPIC_PREFIX_CONFIG, "x".repeat(250), "at most 249"),
        Arguments.of(BUCKETS_TOPIC_CONFIG, "buckets/all", "ASCII letters, digits"),
        Arguments.of(BUCKET_TOTALS_TOPIC_CONFIG, "tötals", "ASCII letters, digits"),
        Arguments.of(NODE_DAILY_TOPIC_CONFIG, "..", "not legal topic names"),
        Arguments.of(MINUTE_TOPIC_CONFIG, "minute topic", "ASCII letters, digits"),
        Arguments.of(BUCKETS_INTERVAL_MS_CONFIG, "0", "at least 1"),
        Arguments.of(BUCKET_TOTALS_INTERVAL_MS_CONFIG, "0", "at least 1"),
        Arguments.of(MINUTE_POLL_INTERVAL_MS_CONFIG, "0", "at least 1"),
        Arguments.of(MINUTE_LAG_MS_CONFIG, "-1", "at least 0"),
        Arguments.of(MINUTE_BACKFILL_START_CONFIG, "yesterday", "ISO-8601 instant"),
        Arguments.of(MINUTE_BACKFILL_START_CONFIG, "2024-02-01", "ISO-8601 instant"),
        Arguments.of(MINUTE_BACKFILL_START_CONFIG, "P1M", "ISO-8601 duration"),
        Arguments.of(MINUTE_BACKFILL_START_CONFIG, "-PT1H", "must not be negative"),
        Arguments.of(MINUTE_BACKFILL_START_CONFIG, "", "not nothing"),
        Arguments.of(MINUTE_WINDOW_MAX_MS_CONFIG, "59999", "at least 60000"),
        Arguments.of(NODE_DAILY_BACKFILL_START_CONFIG, "2024-13-01", "ISO-8601 date"),
        Arguments.of(NODE_DAILY_BACKFILL_START_CONFIG, "2024-01-01T00:00:00Z", "ISO-8601 date"),
        Arguments.of(NODE_DAILY_BACKFILL_START_CONFIG, "P-3D", "must not be negative"),
        Arguments.of(NODE_DAILY_SETTLE_DELAY_MS_CONFIG, "-1", "at least 0"),
        Arguments.of(POLL_MAX_RECORDS_CONFIG, "0", "at least 1"),
        Arguments.of(MALFORMED_ROW_POLICY_CONFIG, "ignore", "fail, skip, error-topic"),
        Arguments.of(MALFORMED_ROW_POLICY_CONFIG, "FAIL", "fail, skip, error-topic"),
        Arguments.of(ERROR_TOPIC_CONFIG, "errors!", "ASCII letters, digits"));
  }

  @ParameterizedTest(name = "{0}={1}")
  @MethodSource("badValues")
  void theConstructorRefusesABadValueNamingTheKeyAndTheRule(
      String key, String value, String expected) {
    assertThatThrownBy(() -> new FlashbackSourceConnectorConfig(props(key, value)))
        .isInstanceOf(ConfigException.class)
        .hasMessageContaining(key)
        .hasMessageContaining(expected);
  }

  @ParameterizedTest(name = "{0}={1}")
  @MethodSource("badValues")
  void validationReportsABadValueOnItsOwnKeyOnly(String key, String value, String expected) {
    List<ConfigValue> values =
        FlashbackSourceConnectorConfig.CONFIG_DEF.validate(props(key, value));
    assertThat(values)
        .filteredOn(v -> !v.errorMessages().isEmpty())
        .singleElement()
        .satisfies(
            v -> {
              assertThat(v.name()).isEqualTo(key);
              assertThat(String.join("\n", v.errorMessages())).contains(expected);
            });
  }

  static Stream<Arguments> goodValues() {
    return Stream.of(
        Arguments.of(API_URL_CONFIG, "http://localhost:8080/api"),
        Arguments.of(API_URL_CONFIG, "HTTPS://Backend.Example.com"),
        Arguments.of(API_RETRY_MAX_ATTEMPTS_CONFIG, "1"),
        Arguments.of(API_RETRY_MAX_ATTEMPTS_CONFIG, "100"),
        Arguments.of(API_MAX_REQUESTS_PER_SECOND_CONFIG, "0.25"),
        Arguments.of(PROXY_PORT_CONFIG, "65535"),
        Arguments.of(TRUSTSTORE_TYPE_CONFIG, "jks"),
        Arguments.of(BUCKET_IDS_CONFIG, " a , b "),
        Arguments.of(BUCKET_INCLUDE_PATTERN_CONFIG, "prod-.*|staging-[0-9]+"),
        Arguments.of(BUCKET_INCLUDE_PATTERN_CONFIG, ""),
        Arguments.of(STREAMS_CONFIG, "minute"),
        Arguments.of(STREAMS_CONFIG, "minute, buckets"),
        Arguments.of(TOPIC_PREFIX_CONFIG, ""),
        Arguments.of(TOPIC_PREFIX_CONFIG, "acme_flashback-v1."),
        Arguments.of(MINUTE_TOPIC_CONFIG, ""),
        Arguments.of(MINUTE_LAG_MS_CONFIG, "0"),
        Arguments.of(MINUTE_BACKFILL_START_CONFIG, "2024-02-01T00:00:00Z"),
        Arguments.of(MINUTE_BACKFILL_START_CONFIG, "2024-02-01T01:00:00+01:00"),
        Arguments.of(MINUTE_BACKFILL_START_CONFIG, "P7D"),
        Arguments.of(MINUTE_BACKFILL_START_CONFIG, "PT0S"),
        Arguments.of(MINUTE_WINDOW_MAX_MS_CONFIG, "60000"),
        Arguments.of(NODE_DAILY_BACKFILL_START_CONFIG, "2024-01-01"),
        Arguments.of(NODE_DAILY_BACKFILL_START_CONFIG, "P1Y"),
        Arguments.of(NODE_DAILY_SETTLE_DELAY_MS_CONFIG, "0"),
        Arguments.of(MALFORMED_ROW_POLICY_CONFIG, "error-topic"));
  }

  @ParameterizedTest(name = "{0}={1}")
  @MethodSource("goodValues")
  void goodValuesAreAccepted(String key, String value) {
    assertThatCode(() -> new FlashbackSourceConnectorConfig(props(key, value)))
        .doesNotThrowAnyException();
  }

  @Test
  void validationRefusesAStreamListedTwice() {
    List<ConfigValue> values =
        FlashbackSourceConnectorConfig.CONFIG_DEF.validate(props(STREAMS_CONFIG, "minute,minute"));
    assertThat(values)
        .filteredOn(v -> v.name().equals(STREAMS_CONFIG))
        .singleElement()
        .satisfies(v -> assertThat(v.errorMessages()).anyMatch(m -> m.contains("duplicated")));
  }

  @Test
  void aUrlWithUserInfoIsNeverEchoedInTheMessage() {
    assertThatThrownBy(
            () ->
                new FlashbackSourceConnectorConfig(
                    props(API_URL_CONFIG, "ftp://admin:hunter2@backend.flashback.tech")))
        .hasMessageContaining(API_URL_CONFIG)
        .hasMessageNotContaining("hunter2");
  }

  @Test
  void aBadRegexMessageSaysWhatIsWrongOnOneLine() {
    List<ConfigValue> values =
        FlashbackSourceConnectorConfig.CONFIG_DEF.validate(
            props(BUCKET_INCLUDE_PATTERN_CONFIG, "prod-("));
    String message =
        values.stream()
            .filter(v -> v.name().equals(BUCKET_INCLUDE_PATTERN_CONFIG))
            .findFirst()
            .orElseThrow()
            .errorMessages()
            .get(0);
    assertThat(message).contains("Unclosed group").doesNotContain("\n");
  }

  @Test
  void recommendersOfferTheChoicesAndHideWhatDoesNotApply() {
    Map<String, ConfigValue> values =
        FlashbackSourceConnectorConfig.CONFIG_DEF.validateAll(props());
    assertThat(values.get(STREAMS_CONFIG).recommendedValues())
        .containsExactly("buckets", "bucket-totals", "node-daily", "minute");
    assertThat(values.get(MALFORMED_ROW_POLICY_CONFIG).recommendedValues())
        .containsExactly("fail", "skip", "error-topic");
    assertThat(values.get(TRUSTSTORE_TYPE_CONFIG).recommendedValues())
        .containsExactly("PKCS12", "JKS");
    assertThat(values.get(PROXY_PASSWORD_CONFIG).visible()).isFalse();
    assertThat(values.get(TRUSTSTORE_PASSWORD_CONFIG).visible()).isFalse();
    assertThat(values.get(ERROR_TOPIC_CONFIG).visible()).isFalse();

    Map<String, ConfigValue> withProxyAndPolicy =
        FlashbackSourceConnectorConfig.CONFIG_DEF.validateAll(
            props(
                PROXY_HOST_CONFIG, "proxy.local",
                TRUSTSTORE_PATH_CONFIG, "/etc/ts.p12",
                MALFORMED_ROW_POLICY_CONFIG, "error-topic"));
    assertThat(withProxyAndPolicy.get(PROXY_PASSWORD_CONFIG).visible()).isTrue();
    assertThat(withProxyAndPolicy.get(TRUSTSTORE_PASSWORD_CONFIG).visible()).isTrue();
    assertThat(withProxyAndPolicy.get(ERROR_TOPIC_CONFIG).visible()).isTrue();
  }
}
