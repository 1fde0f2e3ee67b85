package tech.flashback.connect.config;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static tech.flashback.connect.config.ConfigTestSupport.offlineErrors;
import static tech.flashback.connect.config.ConfigTestSupport.props;
import static tech.flashback.connect.config.FlashbackSourceConnectorConfig.*;

import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.List;
import java.util.Map;
import org.apache.kafka.common.config.Config;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Each cross-key rule puts its error on the key the operator has to change, and only there. */
class ConfigValidationTest {

  @TempDir Path dir;

  @Test
  void theDefaultsWithATokenHaveNoErrors() {
    assertThat(offlineErrors(props())).isEmpty();
  }

  @Test
  void explicitBucketIdsRefuseDiscoverySettingsOnThoseSettings() {
    Map<String, List<String>> errors =
        offlineErrors(
            props(
                BUCKET_IDS_CONFIG, "b-1,b-2",
                WORKSPACE_ID_CONFIG, "ws-1",
                BUCKET_INCLUDE_PATTERN_CONFIG, "prod-.*",
                BUCKET_EXCLUDE_PATTERN_CONFIG, ".*-tmp"));
    assertThat(errors)
        .containsOnlyKeys(
            WORKSPACE_ID_CONFIG, BUCKET_INCLUDE_PATTERN_CONFIG, BUCKET_EXCLUDE_PATTERN_CONFIG);
    assertThat(errors.get(BUCKET_INCLUDE_PATTERN_CONFIG).get(0))
        .contains("cannot be combined with " + BUCKET_IDS_CONFIG);
  }

  @Test
  void explicitBucketIdsAloneAndPatternsAloneAreFine() {
    assertThat(offlineErrors(props(BUCKET_IDS_CONFIG, "b-1"))).isEmpty();
    assertThat(
            offlineErrors(
                props(WORKSPACE_ID_CONFIG, "ws", BUCKET_INCLUDE_PATTERN_CONFIG, "prod-.*")))
        .isEmpty();
    assertThat(offlineErrors(props(BUCKET_IDS_CONFIG, "", WORKSPACE_ID_CONFIG, "ws"))).isEmpty();
  }

  @Test
  void aProxyUsernameWithoutHostIsAnErrorOnTheUsername() {
    Map<String, List<String>> errors = offlineErrors(props(PROXY_USERNAME_CONFIG, "svc"));
    assertThat(errors).containsOnlyKeys(PROXY_USERNAME_CONFIG);
    assertThat(errors.get(PROXY_USERNAME_CONFIG).get(0)).contains(PROXY_HOST_CONFIG);
  }

  @Test
  void aProxyPasswordWithoutUsernameIsAnErrorOnThePassword() {
    Map<String, List<String>> errors =
        offlineErrors(props(PROXY_HOST_CONFIG, "proxy", PROXY_PASSWORD_CONFIG, "pw-123"));
    assertThat(errors).containsOnlyKeys(PROXY_PASSWORD_CONFIG);
    assertThat(errors.get(PROXY_PASSWORD_CONFIG).get(0))
        .contains(PROXY_USERNAME_CONFIG)
        .doesNotContain("pw-123");
  }

  @Test
  void aCompleteProxyIsFine() {
    assertThat(
            offlineErrors(
                props(
                    PROXY_HOST_CONFIG, "proxy",
                    PROXY_USERNAME_CONFIG, "svc",
                    PROXY_PASSWORD_CONFIG, "pw")))
        .isEmpty();
  }

  @Test
  void aTrustStorePasswordWithoutPathIsAnErrorOnThePassword() {
    Map<String, List<String>> errors = offlineErrors(props(TRUSTSTORE_PASSWORD_CONFIG, "ts-pw"));
    assertThat(errors).containsOnlyKeys(TRUSTSTORE_PASSWORD_CONFIG);
    assertThat(errors.get(TRUSTSTORE_PASSWORD_CONFIG).get(0)).contains(TRUSTSTORE_PATH_CONFIG);
  }

  @Test
  void aMissingTrustStoreFileIsAnErrorOnThePath() {
    Path missing = dir.resolve("nope.p12");
    Map<String, List<String>> errors =
        offlineErrors(props(TRUSTSTORE_PATH_CONFIG, missing.toString()));
    assertThat(errors).containsOnlyKeys(TRUSTSTORE_PATH_CONFIG);
    assertThat(errors.get(TRUSTSTORE_PATH_CONFIG).get(0))
        .isEqualTo("trust store " + missing + " does not exist");
  }

  @Test
  void aDirectoryAsTrustStoreIsAnErrorOnThePath() {
    assertThat(offlineErrors(props(TRUSTSTORE_PATH_CONFIG, dir.toString())))
        .containsEntry(
            TRUSTSTORE_PATH_CONFIG, List.of("trust store " + dir + " is not a regular file"));
  }

  @Test
  void anUnreadableTrustStoreIsAnErrorOnThePath() throws Exception {
    Path file = Files.writeString(dir.resolve("ts.p12"), "x");
    Files.setPosixFilePermissions(file, PosixFilePermissions.fromString("---------"));
    Assumptions.assumeFalse(Files.isReadable(file), "root reads every file");
    assertThat(offlineErrors(props(TRUSTSTORE_PATH_CONFIG, file.toString())))
        .containsEntry(
            TRUSTSTORE_PATH_CONFIG,
            List.of("trust store " + file + " is not readable by the worker"));
  }

  @Test
  void anExistingTrustStoreFileIsFineOffline() throws Exception {
    Path file = Files.writeString(dir.resolve("ts.p12"), "x");
    assertThat(offlineErrors(props(TRUSTSTORE_PATH_CONFIG, file.toString()))).isEmpty();
  }

  @Test
  void aMaximumBackoffBelowTheInitialBackoffIsAnErrorOnTheMaximum() {
    Map<String, List<String>> errors =
        offlineErrors(
            props(API_RETRY_BACKOFF_MS_CONFIG, "2000", API_RETRY_BACKOFF_MAX_MS_CONFIG, "1000"));
    assertThat(errors).containsOnlyKeys(API_RETRY_BACKOFF_MAX_MS_CONFIG);
    assertThat(errors.get(API_RETRY_BACKOFF_MAX_MS_CONFIG).get(0))
        .contains(API_RETRY_BACKOFF_MS_CONFIG);
  }

  @Test
  void twoStreamsInOneTopicIsAnErrorOnTheOverride() {
    Map<String, List<String>> errors =
        offlineErrors(props(MINUTE_TOPIC_CONFIG, "flashback.buckets"));
    assertThat(errors).containsOnlyKeys(MINUTE_TOPIC_CONFIG);
    assertThat(errors.get(MINUTE_TOPIC_CONFIG).get(0))
        .contains("streams buckets and minute would both write to topic 'flashback.buckets'");
  }

  @Test
  void whenTheEarlierStreamHasTheOverrideTheErrorGoesThere() {
    Map<String, List<String>> errors =
        offlineErrors(props(BUCKETS_TOPIC_CONFIG, "flashback.minute"));
    assertThat(errors).containsOnlyKeys(BUCKETS_TOPIC_CONFIG);
  }

  @Test
  void twoOverridesNamingTheSameTopicPutTheErrorOnTheLaterStream() {
    Map<String, List<String>> errors =
        offlineErrors(props(NODE_DAILY_TOPIC_CONFIG, "usage", MINUTE_TOPIC_CONFIG, "usage"));
    assertThat(errors).containsOnlyKeys(MINUTE_TOPIC_CONFIG);
  }

  @Test
  void aSharedTopicOfADisabledStreamIsFine() {
    assertThat(
            offlineErrors(
                props(STREAMS_CONFIG, "minute", BUCKETS_TOPIC_CONFIG, "flashback.minute")))
        .isEmpty();
  }

  @Test
  void theErrorTopicSharedWithAStreamIsAnErrorOnTheErrorTopic() {
    Map<String, List<String>> errors =
        offlineErrors(
            props(
                MALFORMED_ROW_POLICY_CONFIG, "error-topic",
                ERROR_TOPIC_CONFIG, "flashback.minute"));
    assertThat(errors).containsOnlyKeys(ERROR_TOPIC_CONFIG);
    assertThat(errors.get(ERROR_TOPIC_CONFIG).get(0))
        .contains("the error topic and stream minute would both write to topic");
  }

  @Test
  void aStreamOverrideOnTheDefaultErrorTopicIsAnErrorOnTheStreamOverride() {
    Map<String, List<String>> errors =
        offlineErrors(
            props(
                MALFORMED_ROW_POLICY_CONFIG, "error-topic",
                MINUTE_TOPIC_CONFIG, "flashback.errors"));
    assertThat(errors).containsOnlyKeys(MINUTE_TOPIC_CONFIG);
  }

  @Test
  void theErrorTopicOnlyMattersUnderTheErrorTopicPolicy() {
    assertThat(offlineErrors(props(ERROR_TOPIC_CONFIG, "flashback.minute"))).isEmpty();
    assertThat(offlineErrors(props(ERROR_TOPIC_CONFIG, ""))).isEmpty();
  }

  @Test
  void anEmptyErrorTopicUnderTheErrorTopicPolicyIsAnErrorOnTheErrorTopic() {
    Map<String, List<String>> errors =
        offlineErrors(props(MALFORMED_ROW_POLICY_CONFIG, "error-topic", ERROR_TOPIC_CONFIG, " "));
    assertThat(errors).containsOnlyKeys(ERROR_TOPIC_CONFIG);
    assertThat(errors.get(ERROR_TOPIC_CONFIG).get(0))
        .contains("must not be empty")
        .contains("'flashback.errors'");
  }

  @Test
  void theErrorTopicPolicyWithTheDefaultErrorTopicIsFine() {
    assertThat(offlineErrors(props(MALFORMED_ROW_POLICY_CONFIG, "error-topic"))).isEmpty();
  }

  @Test
  void plainHttpToARemoteHostIsAnErrorOnTheUrlFromTheClientsOwnRule() {
    Map<String, List<String>> errors =
        offlineErrors(props(API_URL_CONFIG, "http://backend.flashback.tech"));
    assertThat(errors).containsOnlyKeys(API_URL_CONFIG);
    assertThat(errors.get(API_URL_CONFIG).get(0))
        .contains("uses plain HTTP to a non-loopback host");
  }

  @Test
  void plainHttpIsFineToLoopbackOrWhenAllowed() {
    assertThat(offlineErrors(props(API_URL_CONFIG, "http://localhost:8080"))).isEmpty();
    assertThat(offlineErrors(props(API_URL_CONFIG, "http://127.0.0.1:8080"))).isEmpty();
    assertThat(
            offlineErrors(
                props(
                    API_URL_CONFIG, "http://backend.flashback.tech",
                    API_ALLOW_INSECURE_HTTP_CONFIG, "true")))
        .isEmpty();
  }

  @Test
  void userInfoInTheUrlIsAnErrorWithoutEchoingIt() {
    Map<String, List<String>> errors =
        offlineErrors(props(API_URL_CONFIG, "https://admin:s3cr3t-pw@backend.flashback.tech"));
    assertThat(errors).containsOnlyKeys(API_URL_CONFIG);
    assertThat(errors.get(API_URL_CONFIG).get(0))
        .contains("must not contain user info")
        .doesNotContain("s3cr3t-pw");
  }

  @Test
  void aTokenWithWhitespaceInsideIsAnErrorOnTheTokenWithoutShowingIt() {
    Map<String, List<String>> errors =
        offlineErrors(props(API_TOKEN_CONFIG, "abcd efgh-secret-part"));
    assertThat(errors).containsOnlyKeys(API_TOKEN_CONFIG);
    assertThat(errors.get(API_TOKEN_CONFIG).get(0))
        .contains("whitespace")
        .doesNotContain("efgh-secret-part");
  }

  @Test
  void aMissingTokenIsReportedOnceByTheConfigDef() {
    Map<String, String> props = props();
    props.remove(API_TOKEN_CONFIG);
    Map<String, List<String>> errors = offlineErrors(props);
    assertThat(errors).containsOnlyKeys(API_TOKEN_CONFIG);
    assertThat(errors.get(API_TOKEN_CONFIG))
        .singleElement()
        .asString()
        .contains("Missing required");
  }

  @Test
  void rulesReadingAnInvalidKeyStaySilentSoOneMistakeIsReportedOnce() {
    Map<String, List<String>> errors =
        offlineErrors(props(STREAMS_CONFIG, "minute,hourly", MINUTE_TOPIC_CONFIG, "x"));
    assertThat(errors).containsOnlyKeys(STREAMS_CONFIG);
    assertThat(errors.get(STREAMS_CONFIG)).hasSize(1);
  }

  @Test
  void validateReturnsTheConfigItWasGiven() {
    Config config = ConfigTestSupport.validateKeys(props());
    assertThat(ConfigValidation.withoutLiveCheck().validate(props(), config)).isSameAs(config);
  }

  @Test
  void aConfigFromAnotherDefinitionIsRefusedClearly() {
    Config foreign = new Config(List.of());
    assertThatThrownBy(() -> ConfigValidation.withoutLiveCheck().validate(props(), foreign))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("has no value for");
  }
}
