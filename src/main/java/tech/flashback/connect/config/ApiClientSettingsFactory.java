package tech.flashback.connect.config;

import static tech.flashback.connect.config.FlashbackSourceConnectorConfig.API_ALLOW_INSECURE_HTTP_CONFIG;
import static tech.flashback.connect.config.FlashbackSourceConnectorConfig.API_BUCKET_IDS_PER_REQUEST_CONFIG;
import static tech.flashback.connect.config.FlashbackSourceConnectorConfig.API_CALL_TIMEOUT_MS_CONFIG;
import static tech.flashback.connect.config.FlashbackSourceConnectorConfig.API_CONNECT_TIMEOUT_MS_CONFIG;
import static tech.flashback.connect.config.FlashbackSourceConnectorConfig.API_MAX_REQUESTS_PER_SECOND_CONFIG;
import static tech.flashback.connect.config.FlashbackSourceConnectorConfig.API_MAX_RESPONSE_BYTES_CONFIG;
import static tech.flashback.connect.config.FlashbackSourceConnectorConfig.API_READ_TIMEOUT_MS_CONFIG;
import static tech.flashback.connect.config.FlashbackSourceConnectorConfig.API_RETRY_AFTER_MAX_MS_CONFIG;
import static tech.flashback.connect.config.FlashbackSourceConnectorConfig.API_RETRY_BACKOFF_MAX_MS_CONFIG;
import static tech.flashback.connect.config.FlashbackSourceConnectorConfig.API_RETRY_BACKOFF_MS_CONFIG;
import static tech.flashback.connect.config.FlashbackSourceConnectorConfig.API_RETRY_MAX_ATTEMPTS_CONFIG;
import static tech.flashback.connect.config.FlashbackSourceConnectorConfig.API_TOKEN_CONFIG;
import static tech.flashback.connect.config.FlashbackSourceConnectorConfig.API_URL_CONFIG;
import static tech.flashback.connect.config.FlashbackSourceConnectorConfig.API_WRITE_TIMEOUT_MS_CONFIG;
import static tech.flashback.connect.config.FlashbackSourceConnectorConfig.PROXY_HOST_CONFIG;
import static tech.flashback.connect.config.FlashbackSourceConnectorConfig.PROXY_PASSWORD_CONFIG;
import static tech.flashback.connect.config.FlashbackSourceConnectorConfig.PROXY_PORT_CONFIG;
import static tech.flashback.connect.config.FlashbackSourceConnectorConfig.PROXY_USERNAME_CONFIG;
import static tech.flashback.connect.config.FlashbackSourceConnectorConfig.TRUSTSTORE_PASSWORD_CONFIG;
import static tech.flashback.connect.config.FlashbackSourceConnectorConfig.TRUSTSTORE_PATH_CONFIG;
import static tech.flashback.connect.config.FlashbackSourceConnectorConfig.TRUSTSTORE_TYPE_CONFIG;
import static tech.flashback.connect.config.FlashbackSourceConnectorConfig.TRUSTSTORE_TYPE_DEFAULT;

import java.nio.file.Path;
import java.util.List;
import java.util.Locale;
import org.apache.kafka.common.config.types.Password;
import tech.flashback.connect.client.ApiClientSettings;
import tech.flashback.connect.client.HttpProxy;
import tech.flashback.connect.client.TrustStore;

/** Maps the API, proxy and TLS keys onto the client's {@link ApiClientSettings}. */
final class ApiClientSettingsFactory {

  /** Every key that feeds the client settings: an error on any of them makes them unusable. */
  static final List<String> KEYS =
      List.of(
          API_URL_CONFIG,
          API_TOKEN_CONFIG,
          API_ALLOW_INSECURE_HTTP_CONFIG,
          API_CONNECT_TIMEOUT_MS_CONFIG,
          API_READ_TIMEOUT_MS_CONFIG,
          API_WRITE_TIMEOUT_MS_CONFIG,
          API_CALL_TIMEOUT_MS_CONFIG,
          API_RETRY_MAX_ATTEMPTS_CONFIG,
          API_RETRY_BACKOFF_MS_CONFIG,
          API_RETRY_BACKOFF_MAX_MS_CONFIG,
          API_RETRY_AFTER_MAX_MS_CONFIG,
          API_MAX_REQUESTS_PER_SECOND_CONFIG,
          API_MAX_RESPONSE_BYTES_CONFIG,
          API_BUCKET_IDS_PER_REQUEST_CONFIG,
          PROXY_HOST_CONFIG,
          PROXY_PORT_CONFIG,
          PROXY_USERNAME_CONFIG,
          PROXY_PASSWORD_CONFIG,
          TRUSTSTORE_PATH_CONFIG,
          TRUSTSTORE_PASSWORD_CONFIG,
          TRUSTSTORE_TYPE_CONFIG);

  private ApiClientSettingsFactory() {}

  /**
   * A builder holding every configured value, so a caller may still adjust it (the live check
   * shortens the timeouts).
   *
   * @throws IllegalArgumentException from the client's own checks (an empty token, say)
   */
  static ApiClientSettings.Builder builder(ParsedValues values) {
    return ApiClientSettings.builder(
            values.optionalString(API_URL_CONFIG), (Password) values.raw(API_TOKEN_CONFIG))
        .allowInsecureHttp(values.booleanValue(API_ALLOW_INSECURE_HTTP_CONFIG))
        .connectTimeout(values.millis(API_CONNECT_TIMEOUT_MS_CONFIG))
        .readTimeout(values.millis(API_READ_TIMEOUT_MS_CONFIG))
        .writeTimeout(values.millis(API_WRITE_TIMEOUT_MS_CONFIG))
        .callTimeout(values.millis(API_CALL_TIMEOUT_MS_CONFIG))
        .maxAttempts(values.intValue(API_RETRY_MAX_ATTEMPTS_CONFIG))
        .initialBackoff(values.millis(API_RETRY_BACKOFF_MS_CONFIG))
        .maxBackoff(values.millis(API_RETRY_BACKOFF_MAX_MS_CONFIG))
        .maxRetryAfter(values.millis(API_RETRY_AFTER_MAX_MS_CONFIG))
        .maxRequestsPerSecond(values.doubleValue(API_MAX_REQUESTS_PER_SECOND_CONFIG))
        .maxResponseBytes(values.longValue(API_MAX_RESPONSE_BYTES_CONFIG))
        .bucketIdsPerRequest(values.intValue(API_BUCKET_IDS_PER_REQUEST_CONFIG))
        .proxy(proxy(values))
        .trustStore(trustStore(values));
  }

  /** The proxy, or {@code null} when no host is set. Credentials only count with a username. */
  static HttpProxy proxy(ParsedValues values) {
    String host = values.optionalString(PROXY_HOST_CONFIG);
    if (host == null) {
      return null;
    }
    String username = values.optionalString(PROXY_USERNAME_CONFIG);
    return new HttpProxy(
        host,
        values.intValue(PROXY_PORT_CONFIG),
        username,
        username == null ? null : values.optionalPassword(PROXY_PASSWORD_CONFIG));
  }

  /** The trust store, or {@code null} when no path is set; the type is upper-cased. */
  static TrustStore trustStore(ParsedValues values) {
    String path = values.optionalString(TRUSTSTORE_PATH_CONFIG);
    if (path == null) {
      return null;
    }
    String type = values.optionalString(TRUSTSTORE_TYPE_CONFIG);
    return new TrustStore(
        Path.of(path),
        values.optionalPassword(TRUSTSTORE_PASSWORD_CONFIG),
        (type == null ? TRUSTSTORE_TYPE_DEFAULT : type).toUpperCase(Locale.ROOT));
  }
}
