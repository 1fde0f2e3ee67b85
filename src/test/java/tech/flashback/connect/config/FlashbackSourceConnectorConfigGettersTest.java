package tech.flashback.connect.config;

import static org.assertj.core.api.Assertions.assertThat;
import static tech.flashback.connect.config.ConfigTestSupport.TOKEN;
import static tech.flashback.connect.config.ConfigTestSupport.config;
import static tech.flashback.connect.config.FlashbackSourceConnectorConfig.*;

import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import org.junit.jupiter.api.Test;
import tech.flashback.connect.client.ApiClientSettings;

/** The typed getters other packages read the configuration through. */
class FlashbackSourceConnectorConfigGettersTest {

  private static final Instant NOW = Instant.parse("2024-03-10T12:34:56.789Z");
  private static final LocalDate TODAY = LocalDate.parse("2024-03-10");

  @Test
  void apiClientSettingsCarryTheDefaults() {
    ApiClientSettings settings = config().apiClientSettings();
    assertThat(settings.baseUrl()).isEqualTo("https://backend.flashback.tech");
    assertThat(settings.token().value()).isEqualTo(TOKEN);
    assertThat(settings.connectTimeout()).isEqualTo(Duration.ofSeconds(10));
    assertThat(settings.readTimeout()).isEqualTo(Duration.ofSeconds(30));
    assertThat(settings.writeTimeout()).isEqualTo(Duration.ofSeconds(10));
    assertThat(settings.callTimeout()).isEqualTo(Duration.ofMinutes(2));
    assertThat(settings.maxAttempts()).isEqualTo(6);
    assertThat(settings.initialBackoff()).isEqualTo(Duration.ofMillis(500));
    assertThat(settings.maxBackoff()).isEqualTo(Duration.ofSeconds(30));
    assertThat(settings.maxRetryAfter()).isEqualTo(Duration.ofMinutes(5));
    assertThat(settings.maxResponseBytes()).isEqualTo(64L * 1024 * 1024);
    assertThat(settings.bucketIdsPerRequest()).isEqualTo(100);
    assertThat(settings.maxRequestsPerSecond()).isZero();
    assertThat(settings.proxy()).isNull();
    assertThat(settings.trustStore()).isNull();
    assertThat(settings.allowInsecureHttp()).isFalse();
  }

  @Test
  void apiClientSettingsCarryEveryConfiguredValue() {
    ApiClientSettings settings =
        config(
                API_URL_CONFIG, "http://flashback.internal:8080/v1",
                API_ALLOW_INSECURE_HTTP_CONFIG, "true",
                API_CONNECT_TIMEOUT_MS_CONFIG, "1001",
                API_READ_TIMEOUT_MS_CONFIG, "1002",
                API_WRITE_TIMEOUT_MS_CONFIG, "1003",
                API_CALL_TIMEOUT_MS_CONFIG, "1004",
                API_RETRY_MAX_ATTEMPTS_CONFIG, "3",
                API_RETRY_BACKOFF_MS_CONFIG, "50",
                API_RETRY_BACKOFF_MAX_MS_CONFIG, "5000",
                API_RETRY_AFTER_MAX_MS_CONFIG, "60000",
                API_MAX_REQUESTS_PER_SECOND_CONFIG, "2.5",
                API_MAX_RESPONSE_BYTES_CONFIG, "2048",
                API_BUCKET_IDS_PER_REQUEST_CONFIG, "7")
            .apiClientSettings();
    assertThat(settings.baseUrl()).isEqualTo("http://flashback.internal:8080/v1");
    assertThat(settings.allowInsecureHttp()).isTrue();
    assertThat(settings.connectTimeout()).isEqualTo(Duration.ofMillis(1001));
    assertThat(settings.readTimeout()).isEqualTo(Duration.ofMillis(1002));
    assertThat(settings.writeTimeout()).isEqualTo(Duration.ofMillis(1003));
    assertThat(settings.callTimeout()).isEqualTo(Duration.ofMillis(1004));
    assertThat(settings.maxAttempts()).isEqualTo(3);
    assertThat(settings.initialBackoff()).isEqualTo(Duration.ofMillis(50));
    assertThat(settings.maxBackoff()).isEqualTo(Duration.ofSeconds(5));
    assertThat(settings.maxRetryAfter()).isEqualTo(Duration.ofMinutes(1));
    assertThat(settings.maxRequestsPerSecond()).isEqualTo(2.5);
    assertThat(settings.maxResponseBytes()).isEqualTo(2048);
    assertThat(settings.bucketIdsPerRequest()).isEqualTo(7);
  }

  @Test
  void aTokenWithATrailingNewlineFromAFileIsTrimmed() {
    assertThat(config(API_TOKEN_CONFIG, TOKEN + "\n").apiClientSettings().token().value())
        .isEqualTo(TOKEN);
  }

  @Test
  void aProxyHostBringsAProxyWithPortAndCredentials() {
    ApiClientSettings settings =
        config(
                PROXY_HOST_CONFIG, "proxy.corp",
                PROXY_PORT_CONFIG, "8080",
                PROXY_USERNAME_CONFIG, "svc",
                PROXY_PASSWORD_CONFIG, "proxy-pw")
            .apiClientSettings();
    assertThat(settings.proxy().host()).isEqualTo("proxy.corp");
    assertThat(settings.proxy().port()).isEqualTo(8080);
    assertThat(settings.proxy().username()).isEqualTo("svc");
    assertThat(settings.proxy().password().value()).isEqualTo("proxy-pw");
  }

  @Test
  void aProxyWithoutUsernameHasNoCredentialsAndTheDefaultPort() {
    ApiClientSettings settings = config(PROXY_HOST_CONFIG, "proxy.corp").apiClientSettings();
    assertThat(settings.proxy().port()).isEqualTo(3128);
    assertThat(settings.proxy().username()).isNull();
    assertThat(settings.proxy().password()).isNull();
  }

  @Test
  void aTrustStorePathBringsATrustStoreWithPasswordAndUpperCaseType() {
    ApiClientSettings settings =
        config(
                TRUSTSTORE_PATH_CONFIG, "/etc/flashback/ca.jks",
                TRUSTSTORE_PASSWORD_CONFIG, "ts-pw",
                TRUSTSTORE_TYPE_CONFIG, "jks")
            .apiClientSettings();
    assertThat(settings.trustStore().path()).isEqualTo(Path.of("/etc/flashback/ca.jks"));
    assertThat(settings.trustStore().password().value()).isEqualTo("ts-pw");
    assertThat(settings.trustStore().type()).isEqualTo("JKS");
  }

  @Test
  void aTrustStoreDefaultsToPkcs12WithoutPassword() {
    ApiClientSettings settings =
        config(TRUSTSTORE_PATH_CONFIG, "/etc/flashback/ca.p12").apiClientSettings();
    assertThat(settings.trustStore().type()).isEqualTo("PKCS12");
    assertThat(settings.trustStore().password()).isNull();
  }

  @Test
  void blankOptionalValuesFromAUiCountAsUnset() {
    FlashbackSourceConnectorConfig config =
        config(
            PROXY_HOST_CONFIG, "",
            TRUSTSTORE_PATH_CONFIG, " ",
            WORKSPACE_ID_CONFIG, "",
            BUCKET_INCLUDE_PATTERN_CONFIG, "",
            MINUTE_TOPIC_CONFIG, "");
    assertThat(config.apiClientSettings().proxy()).isNull();
    assertThat(config.apiClientSettings().trustStore()).isNull();
    assertThat(config.bucketSelection().workspaceId()).isNull();
    assertThat(config.bucketSelection().include()).isNull();
    assertThat(config.topic(StreamKind.MINUTE)).isEqualTo("flashback.minute");
  }

  @Test
  void bucketSelectionCarriesWorkspacePatternsAndRelistInterval() {
    BucketSelection selection =
        config(
                WORKSPACE_ID_CONFIG, "ws-1",
                BUCKET_INCLUDE_PATTERN_CONFIG, "prod-.*",
                BUCKET_EXCLUDE_PATTERN_CONFIG, ".*-tmp",
                BUCKET_RELIST_INTERVAL_MS_CONFIG, "60000")
            .bucketSelection();
    assertThat(selection.workspaceId()).isEqualTo("ws-1");
    assertThat(selection.explicitBucketIds()).isEmpty();
    assertThat(selection.include().pattern()).isEqualTo("prod-.*");
    assertThat(selection.exclude().pattern()).isEqualTo(".*-tmp");
    assertThat(selection.relistInterval()).isEqualTo(Duration.ofMinutes(1));
    assertThat(selection.matches("prod-1", "x")).isTrue();
    assertThat(selection.matches("prod-1-tmp", "x")).isFalse();
  }

  @Test
  void bucketSelectionCarriesExplicitIdsInOrder() {
    BucketSelection selection = config(BUCKET_IDS_CONFIG, "c, a ,b").bucketSelection();
    assertThat(selection.explicitBucketIds()).containsExactly("c", "a", "b");
    assertThat(selection.hasExplicitBucketIds()).isTrue();
    assertThat(selection.relistInterval()).isEqualTo(Duration.ofMinutes(5));
  }

  @Test
  void allStreamsAreEnabledByDefault() {
    assertThat(config().enabledStreams()).containsExactly(StreamKind.values());
  }

  @Test
  void enabledStreamsFollowTheListInDeclarationOrder() {
    FlashbackSourceConnectorConfig config = config(STREAMS_CONFIG, "minute,buckets");
    assertThat(config.enabledStreams()).containsExactly(StreamKind.BUCKETS, StreamKind.MINUTE);
    assertThat(config.isEnabled(StreamKind.MINUTE)).isTrue();
    assertThat(config.isEnabled(StreamKind.NODE_DAILY)).isFalse();
  }

  @Test
  void topicsDefaultToThePrefixAndTheStreamName() {
    FlashbackSourceConnectorConfig config = config();
    assertThat(config.topicPrefix()).isEqualTo("flashback.");
    assertThat(config.topic(StreamKind.BUCKETS)).isEqualTo("flashback.buckets");
    assertThat(config.topic(StreamKind.BUCKET_TOTALS)).isEqualTo("flashback.bucket-totals");
    assertThat(config.topic(StreamKind.NODE_DAILY)).isEqualTo("flashback.node-daily");
    assertThat(config.topic(StreamKind.MINUTE)).isEqualTo("flashback.minute");
    assertThat(config.errorTopic()).isEqualTo("flashback.errors");
  }

  @Test
  void topicsFollowAnotherPrefixAndAnEmptyOne() {
    assertThat(config(TOPIC_PREFIX_CONFIG, "acme.fb_").topic(StreamKind.MINUTE))
        .isEqualTo("acme.fb_minute");
    assertThat(config(TOPIC_PREFIX_CONFIG, "acme.fb_").errorTopic()).isEqualTo("acme.fb_errors");
    assertThat(config(TOPIC_PREFIX_CONFIG, "").topic(StreamKind.NODE_DAILY))
        .isEqualTo("node-daily");
  }

  @Test
  void overridesReplaceSingleTopics() {
    FlashbackSourceConnectorConfig config =
        config(
            BUCKETS_TOPIC_CONFIG, "catalog",
            BUCKET_TOTALS_TOPIC_CONFIG, "totals",
            NODE_DAILY_TOPIC_CONFIG, "nodes",
            MINUTE_TOPIC_CONFIG, "usage",
            ERROR_TOPIC_CONFIG, "dlq");
    assertThat(config.topic(StreamKind.BUCKETS)).isEqualTo("catalog");
    assertThat(config.topic(StreamKind.BUCKET_TOTALS)).isEqualTo("totals");
    assertThat(config.topic(StreamKind.NODE_DAILY)).isEqualTo("nodes");
    assertThat(config.topic(StreamKind.MINUTE)).isEqualTo("usage");
    assertThat(config.errorTopic()).isEqualTo("dlq");
    assertThat(config(MINUTE_TOPIC_CONFIG, "usage").topic(StreamKind.BUCKETS))
        .isEqualTo("flashback.buckets");
  }

  @Test
  void durationGettersHaveTheDefaults() {
    FlashbackSourceConnectorConfig config = config();
    assertThat(config.bucketRelistInterval()).isEqualTo(Duration.ofMinutes(5));
    assertThat(config.bucketsInterval()).isEqualTo(Duration.ofMinutes(5));
    assertThat(config.bucketTotalsInterval()).isEqualTo(Duration.ofMinutes(5));
    assertThat(config.minutePollInterval()).isEqualTo(Duration.ofMinutes(1));
    assertThat(config.minuteLag()).isEqualTo(Duration.ofMinutes(3));
    assertThat(config.minuteWindowMax()).isEqualTo(Duration.ofHours(1));
    assertThat(config.nodeDailySettleDelay()).isEqualTo(Duration.ofHours(1));
  }

  @Test
  void durationGettersReadTheConfiguredMilliseconds() {
    FlashbackSourceConnectorConfig config =
        config(
            BUCKETS_INTERVAL_MS_CONFIG, "1",
            BUCKET_TOTALS_INTERVAL_MS_CONFIG, "2",
            MINUTE_POLL_INTERVAL_MS_CONFIG, "3",
            MINUTE_LAG_MS_CONFIG, "0",
            MINUTE_WINDOW_MAX_MS_CONFIG, "120000",
            NODE_DAILY_SETTLE_DELAY_MS_CONFIG, "5");
    assertThat(config.bucketsInterval()).isEqualTo(Duration.ofMillis(1));
    assertThat(config.bucketTotalsInterval()).isEqualTo(Duration.ofMillis(2));
    assertThat(config.minutePollInterval()).isEqualTo(Duration.ofMillis(3));
    assertThat(config.minuteLag()).isZero();
    assertThat(config.minuteWindowMax()).isEqualTo(Duration.ofMinutes(2));
    assertThat(config.nodeDailySettleDelay()).isEqualTo(Duration.ofMillis(5));
  }

  @Test
  void minuteBackfillStartDefaultsToOneHourBeforeNowOnAWholeMinute() {
    assertThat(config().minuteBackfillStart(NOW)).isEqualTo(Instant.parse("2024-03-10T11:34:00Z"));
  }

  @Test
  void minuteBackfillStartFromADurationCountsBackFromNow() {
    assertThat(config(MINUTE_BACKFILL_START_CONFIG, "P7D").minuteBackfillStart(NOW))
        .isEqualTo(Instant.parse("2024-03-03T12:34:00Z"));
    assertThat(config(MINUTE_BACKFILL_START_CONFIG, "pt6h").minuteBackfillStart(NOW))
        .isEqualTo(Instant.parse("2024-03-10T06:34:00Z"));
    assertThat(config(MINUTE_BACKFILL_START_CONFIG, "P7D").minuteBackfillStartSetting())
        .isEqualTo(new MinuteBackfillStart.Ago(Duration.ofDays(7)));
  }

  @Test
  void minuteBackfillStartFromAnInstantIsFixedAndTruncatedToTheMinute() {
    FlashbackSourceConnectorConfig config =
        config(MINUTE_BACKFILL_START_CONFIG, "2024-02-01T00:00:42Z");
    assertThat(config.minuteBackfillStart(NOW)).isEqualTo(Instant.parse("2024-02-01T00:00:00Z"));
    assertThat(config.minuteBackfillStart(NOW.plusSeconds(86_400)))
        .isEqualTo(Instant.parse("2024-02-01T00:00:00Z"));
    assertThat(
            config(MINUTE_BACKFILL_START_CONFIG, "2024-02-01T01:00:00+01:00")
                .minuteBackfillStart(NOW))
        .isEqualTo(Instant.parse("2024-02-01T00:00:00Z"));
  }

  @Test
  void dailyBackfillStartDefaultsToSevenDaysBeforeToday() {
    assertThat(config().dailyBackfillStart(TODAY)).isEqualTo(LocalDate.parse("2024-03-03"));
  }

  @Test
  void dailyBackfillStartFromAPeriodCountsBackFromToday() {
    assertThat(config(NODE_DAILY_BACKFILL_START_CONFIG, "P30D").dailyBackfillStart(TODAY))
        .isEqualTo(LocalDate.parse("2024-02-09"));
    assertThat(config(NODE_DAILY_BACKFILL_START_CONFIG, "P1M").dailyBackfillStart(TODAY))
        .isEqualTo(LocalDate.parse("2024-02-10"));
  }

  @Test
  void dailyBackfillStartFromADateIsFixed() {
    FlashbackSourceConnectorConfig config = config(NODE_DAILY_BACKFILL_START_CONFIG, "2024-01-01");
    assertThat(config.dailyBackfillStart(TODAY)).isEqualTo(LocalDate.parse("2024-01-01"));
    assertThat(config.dailyBackfillStartSetting())
        .isEqualTo(new DailyBackfillStart.On(LocalDate.parse("2024-01-01")));
  }

  @Test
  void recordsGettersHaveDefaultsAndReadValues() {
    assertThat(config().pollMaxRecords()).isEqualTo(2000);
    assertThat(config().malformedRowPolicy()).isEqualTo(MalformedRowPolicy.FAIL);
    assertThat(config(POLL_MAX_RECORDS_CONFIG, "10").pollMaxRecords()).isEqualTo(10);
    assertThat(config(MALFORMED_ROW_POLICY_CONFIG, "skip").malformedRowPolicy())
        .isEqualTo(MalformedRowPolicy.SKIP);
    assertThat(config(MALFORMED_ROW_POLICY_CONFIG, "error-topic").malformedRowPolicy())
        .isEqualTo(MalformedRowPolicy.ERROR_TOPIC);
  }

  @Test
  void toStringListsValuesWithSecretsHidden() {
    String text =
        config(PROXY_HOST_CONFIG, "p", PROXY_USERNAME_CONFIG, "u", PROXY_PASSWORD_CONFIG, "pp-x")
            .toString();
    assertThat(text)
        .startsWith("FlashbackSourceConnectorConfig{")
        .contains("flashback.api.token=[hidden]")
        .contains("flashback.api.proxy.password=[hidden]")
        .doesNotContain(TOKEN)
        .doesNotContain("pp-x");
  }
}
