package tech.flashback.connect.config;

import static tech.flashback.connect.config.FlashbackSourceConnectorConfig.API_MAX_RESPONSE_BYTES_CONFIG;
import static tech.flashback.connect.config.FlashbackSourceConnectorConfig.API_TOKEN_CONFIG;
import static tech.flashback.connect.config.FlashbackSourceConnectorConfig.API_URL_CONFIG;
import static tech.flashback.connect.config.FlashbackSourceConnectorConfig.TRUSTSTORE_PATH_CONFIG;
import static tech.flashback.connect.config.FlashbackSourceConnectorConfig.WORKSPACE_ID_CONFIG;

import java.time.Duration;
import java.util.function.Function;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import tech.flashback.connect.client.ApiAuthenticationException;
import tech.flashback.connect.client.ApiClientSettings;
import tech.flashback.connect.client.ApiRequestException;
import tech.flashback.connect.client.ApiUnavailableException;
import tech.flashback.connect.client.FlashbackApiClient;
import tech.flashback.connect.client.FlashbackApiException;
import tech.flashback.connect.client.ResponseTooLargeException;

/**
 * Makes one real call, the bucket listing the connector itself starts with, so a wrong token, URL,
 * proxy, trust store or workspace shows up when the connector is created rather than minutes later
 * in a task. Validation runs inside a REST request, so the call gets short timeouts and no retries.
 */
final class ApiLiveCheck {

  private static final Logger log = LoggerFactory.getLogger(ApiLiveCheck.class);

  static final Duration CONNECT_TIMEOUT = Duration.ofSeconds(5);
  static final Duration READ_TIMEOUT = Duration.ofSeconds(10);
  static final Duration CALL_TIMEOUT = Duration.ofSeconds(20);

  private final Function<ApiClientSettings, FlashbackApiClient> clientFactory;

  ApiLiveCheck(Function<ApiClientSettings, FlashbackApiClient> clientFactory) {
    this.clientFactory = clientFactory;
  }

  /** Call only when every key the client settings are built from is free of errors. */
  void run(ValidationContext context) {
    ParsedValues values = context.values();
    ApiClientSettings settings = quick(ApiClientSettingsFactory.builder(values)).build();
    String workspaceId = values.optionalString(WORKSPACE_ID_CONFIG);
    String tlsKey = settings.trustStore() != null ? TRUSTSTORE_PATH_CONFIG : API_URL_CONFIG;
    FlashbackApiClient client;
    try {
      client = clientFactory.apply(settings);
    } catch (IllegalArgumentException e) {
      // The URL was checked before; what is left to refuse is the trust store.
      context.addError(tlsKey, "cannot create the API client: " + e.getMessage());
      return;
    }
    try (client) {
      int buckets = client.listBuckets(workspaceId).rows().size();
      log.info("Flashback API check passed: the token can see {} bucket(s)", buckets);
    } catch (ApiAuthenticationException e) {
      context.addError(API_TOKEN_CONFIG, "token rejected by the Flashback API (HTTP 401)");
    } catch (ApiUnavailableException e) {
      context.addError(API_URL_CONFIG, "API unreachable: " + e.getMessage());
    } catch (ApiRequestException e) {
      context.addError(keyFor(e, workspaceId, tlsKey), e.getMessage());
    } catch (ResponseTooLargeException e) {
      context.addError(API_MAX_RESPONSE_BYTES_CONFIG, e.getMessage());
    } catch (FlashbackApiException e) {
      context.addError(API_URL_CONFIG, "API check failed: " + e.getMessage());
    } catch (RuntimeException e) {
      // A transport failure the client did not classify still means the API was not reached.
      context.addError(
          API_URL_CONFIG,
          "API unreachable: " + e.getClass().getSimpleName() + ": " + e.getMessage());
    }
  }

  /** 403/404 on the listing is about access; status 0 is an untrusted certificate. */
  private static String keyFor(ApiRequestException e, String workspaceId, String tlsKey) {
    if (e.status() == 403 || e.status() == 404) {
      return workspaceId != null ? WORKSPACE_ID_CONFIG : API_TOKEN_CONFIG;
    }
    return e.status() == 0 ? tlsKey : API_URL_CONFIG;
  }

  private static ApiClientSettings.Builder quick(ApiClientSettings.Builder builder) {
    ApiClientSettings configured = builder.build();
    return builder
        .connectTimeout(min(configured.connectTimeout(), CONNECT_TIMEOUT))
        .readTimeout(min(configured.readTimeout(), READ_TIMEOUT))
        .writeTimeout(min(configured.writeTimeout(), READ_TIMEOUT))
        .callTimeout(min(configured.callTimeout(), CALL_TIMEOUT))
        .maxAttempts(1)
        .maxRequestsPerSecond(0);
  }

  private static Duration min(Duration a, Duration b) {
    return a.compareTo(b) <= 0 ? a : b;
  }
}
