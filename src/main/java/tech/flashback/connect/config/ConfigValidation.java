package tech.flashback.connect.config;

import static tech.flashback.connect.config.FlashbackSourceConnectorConfig.API_ALLOW_INSECURE_HTTP_CONFIG;
import static tech.flashback.connect.config.FlashbackSourceConnectorConfig.API_RETRY_BACKOFF_MAX_MS_CONFIG;
import static tech.flashback.connect.config.FlashbackSourceConnectorConfig.API_RETRY_BACKOFF_MS_CONFIG;
import static tech.flashback.connect.config.FlashbackSourceConnectorConfig.API_TOKEN_CONFIG;
import static tech.flashback.connect.config.FlashbackSourceConnectorConfig.API_URL_CONFIG;
import static tech.flashback.connect.config.FlashbackSourceConnectorConfig.BUCKET_EXCLUDE_PATTERN_CONFIG;
import static tech.flashback.connect.config.FlashbackSourceConnectorConfig.BUCKET_IDS_CONFIG;
import static tech.flashback.connect.config.FlashbackSourceConnectorConfig.BUCKET_INCLUDE_PATTERN_CONFIG;
import static tech.flashback.connect.config.FlashbackSourceConnectorConfig.ERROR_TOPIC_CONFIG;
import static tech.flashback.connect.config.FlashbackSourceConnectorConfig.MALFORMED_ROW_POLICY_CONFIG;
import static tech.flashback.connect.config.FlashbackSourceConnectorConfig.PROXY_HOST_CONFIG;
import static tech.flashback.connect.config.FlashbackSourceConnectorConfig.PROXY_PASSWORD_CONFIG;
import static tech.flashback.connect.config.FlashbackSourceConnectorConfig.PROXY_USERNAME_CONFIG;
import static tech.flashback.connect.config.FlashbackSourceConnectorConfig.STREAMS_CONFIG;
import static tech.flashback.connect.config.FlashbackSourceConnectorConfig.TOPIC_PREFIX_CONFIG;
import static tech.flashback.connect.config.FlashbackSourceConnectorConfig.TRUSTSTORE_PASSWORD_CONFIG;
import static tech.flashback.connect.config.FlashbackSourceConnectorConfig.TRUSTSTORE_PATH_CONFIG;
import static tech.flashback.connect.config.FlashbackSourceConnectorConfig.WORKSPACE_ID_CONFIG;

import java.nio.file.Files;
import java.nio.file.InvalidPathException;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Function;
import org.apache.kafka.common.config.Config;
import org.apache.kafka.common.config.types.Password;
import org.apache.kafka.common.utils.Time;
import tech.flashback.connect.client.ApiClientSettings;
import tech.flashback.connect.client.FlashbackApiClient;
import tech.flashback.connect.client.OkHttpFlashbackApiClient;

/**
 * The checks {@code ConfigDef.validate} cannot make because they span keys or reach outside the
 * JVM, for the connector's {@code validate()}:
 *
 * <pre>{@code
 * public Config validate(Map<String, String> props) {
 *   return new ConfigValidation().validate(props, super.validate(props));
 * }
 * }</pre>
 *
 * <p>Each error goes onto the key the operator has to change, so UIs show it in the right place. A
 * rule only runs when the keys it reads are free of errors, so one mistake is reported once. Last,
 * when every key the API client is built from is valid, one real bucket listing checks the URL,
 * token, proxy, trust store and workspace together. No message ever contains a secret.
 */
public final class ConfigValidation {

  /** Creates the real client; tests inject a fake or point at a mock server. */
  public static final Function<ApiClientSettings, FlashbackApiClient> DEFAULT_CLIENT_FACTORY =
      settings -> new OkHttpFlashbackApiClient(settings, Time.SYSTEM);

  /** Any syntactically valid URL works here: the client only checks it, never calls it. */
  private static final String PLACEHOLDER_URL = "https://api.invalid";

  private static final Password PLACEHOLDER_TOKEN = new Password("placeholder-token");

  private final ApiLiveCheck liveCheck;

  /** Validation with a live check through the real HTTP client. */
  public ConfigValidation() {
    this(DEFAULT_CLIENT_FACTORY);
  }

  /** Validation with a live check through clients made by {@code clientFactory}. */
  public ConfigValidation(Function<ApiClientSettings, FlashbackApiClient> clientFactory) {
    this.liveCheck = new ApiLiveCheck(clientFactory);
  }

  private ConfigValidation(ApiLiveCheck liveCheck) {
    this.liveCheck = liveCheck;
  }

  /** Validation without the network call, for offline tooling and tests. */
  public static ConfigValidation withoutLiveCheck() {
    return new ConfigValidation((ApiLiveCheck) null);
  }

  /**
   * Adds the cross-key errors, and the live check's result, to {@code config}.
   *
   * @param props the connector configuration as submitted
   * @param config the result of validating {@code props} against {@link
   *     FlashbackSourceConnectorConfig#CONFIG_DEF} (what {@code Connector.validate} returns)
   * @return {@code config}, with errors added to the offending keys
   */
  public Config validate(Map<String, String> props, Config config) {
    ValidationContext context = new ValidationContext(props, config);
    checkBucketSelection(context);
    checkProxy(context);
    checkTrustStore(context);
    checkRetryBackoff(context);
    checkStreamTopics(context);
    checkErrorTopic(context);
    checkToken(context);
    checkUrl(context);
    if (liveCheck != null
        && context.valid(ApiClientSettingsFactory.KEYS)
        && context.valid(WORKSPACE_ID_CONFIG)) {
      liveCheck.run(context);
    }
    return config;
  }

  /** An explicit bucket list skips discovery, so discovery settings beside it are a mistake. */
  private static void checkBucketSelection(ValidationContext context) {
    if (!context.valid(BUCKET_IDS_CONFIG) || context.values().list(BUCKET_IDS_CONFIG).isEmpty()) {
      return;
    }
    for (String key :
        List.of(
            WORKSPACE_ID_CONFIG, BUCKET_INCLUDE_PATTERN_CONFIG, BUCKET_EXCLUDE_PATTERN_CONFIG)) {
      if (context.values().optionalString(key) != null) {
        context.addError(
            key,
            key
                + " cannot be combined with "
                + BUCKET_IDS_CONFIG
                + ": an explicit bucket list skips discovery; unset one of them");
      }
    }
  }

  private static void checkProxy(ValidationContext context) {
    ParsedValues values = context.values();
    boolean hasUsername = values.optionalString(PROXY_USERNAME_CONFIG) != null;
    if (hasUsername && values.optionalString(PROXY_HOST_CONFIG) == null) {
      context.addError(
          PROXY_USERNAME_CONFIG, "a proxy username needs a proxy host in " + PROXY_HOST_CONFIG);
    }
    if (!hasUsername && values.optionalPassword(PROXY_PASSWORD_CONFIG) != null) {
      context.addError(
          PROXY_PASSWORD_CONFIG,
          "a proxy password needs a proxy username in " + PROXY_USERNAME_CONFIG);
    }
  }

  private static void checkTrustStore(ValidationContext context) {
    ParsedValues values = context.values();
    String path = values.optionalString(TRUSTSTORE_PATH_CONFIG);
    if (path == null) {
      if (values.optionalPassword(TRUSTSTORE_PASSWORD_CONFIG) != null) {
        context.addError(
            TRUSTSTORE_PASSWORD_CONFIG,
            "a trust store password needs a trust store in " + TRUSTSTORE_PATH_CONFIG);
      }
      return;
    }
    String problem = fileProblem(path);
    if (problem != null) {
      context.addError(TRUSTSTORE_PATH_CONFIG, "trust store " + path + " " + problem);
    }
  }

  /** Why a trust store file cannot be used, or {@code null}. Checked on the validating worker. */
  private static String fileProblem(String path) {
    Path file;
    try {
      file = Path.of(path);
    } catch (InvalidPathException e) {
      return "is not a valid path: " + e.getReason();
    }
    if (!Files.exists(file)) {
      return "does not exist";
    }
    if (!Files.isRegularFile(file)) {
      return "is not a regular file";
    }
    return Files.isReadable(file) ? null : "is not readable by the worker";
  }

  private static void checkRetryBackoff(ValidationContext context) {
    if (!context.valid(API_RETRY_BACKOFF_MS_CONFIG, API_RETRY_BACKOFF_MAX_MS_CONFIG)) {
      return;
    }
    long initial = context.values().longValue(API_RETRY_BACKOFF_MS_CONFIG);
    long max = context.values().longValue(API_RETRY_BACKOFF_MAX_MS_CONFIG);
    if (max < initial) {
      context.addError(
          API_RETRY_BACKOFF_MAX_MS_CONFIG,
          "must be at least " + API_RETRY_BACKOFF_MS_CONFIG + " (" + initial + "), was " + max);
    }
  }

  /** Two streams in one topic would mix schemas and break compaction of the catalog. */
  private static void checkStreamTopics(ValidationContext context) {
    if (!topicKeysValid(context)) {
      return;
    }
    ParsedValues values = context.values();
    Map<String, StreamKind> owners = new HashMap<>();
    for (StreamKind stream : TopicNames.enabledStreams(values)) {
      String topic = TopicNames.topic(values, stream);
      StreamKind other = owners.putIfAbsent(topic, stream);
      if (other != null) {
        context.addError(
            explicitKey(values, stream, other),
            "streams "
                + other
                + " and "
                + stream
                + " would both write to topic '"
                + topic
                + "'; each stream needs its own topic");
      }
    }
  }

  private static void checkErrorTopic(ValidationContext context) {
    ParsedValues values = context.values();
    if (!context.valid(MALFORMED_ROW_POLICY_CONFIG, ERROR_TOPIC_CONFIG)
        || !MalformedRowPolicy.ERROR_TOPIC
            .configValue()
            .equals(values.raw(MALFORMED_ROW_POLICY_CONFIG))) {
      return;
    }
    if (context.isSet(ERROR_TOPIC_CONFIG) && values.optionalString(ERROR_TOPIC_CONFIG) == null) {
      context.addError(
          ERROR_TOPIC_CONFIG,
          "must not be empty when "
              + MALFORMED_ROW_POLICY_CONFIG
              + " is error-topic; name a topic, or unset it for the default '"
              + TopicNames.prefix(values)
              + FlashbackSourceConnectorConfig.ERROR_TOPIC_SUFFIX
              + "'");
      return;
    }
    if (!topicKeysValid(context)) {
      return;
    }
    String errorTopic = TopicNames.errorTopic(values);
    for (StreamKind stream : TopicNames.enabledStreams(values)) {
      if (TopicNames.topic(values, stream).equals(errorTopic)) {
        boolean errorTopicSet = values.optionalString(ERROR_TOPIC_CONFIG) != null;
        context.addError(
            errorTopicSet ? ERROR_TOPIC_CONFIG : TopicNames.overrideKey(stream),
            "the error topic and stream "
                + stream
                + " would both write to topic '"
                + errorTopic
                + "'; malformed rows need their own topic");
      }
    }
  }

  private static boolean topicKeysValid(ValidationContext context) {
    if (!context.valid(STREAMS_CONFIG, TOPIC_PREFIX_CONFIG)) {
      return false;
    }
    for (StreamKind stream : StreamKind.values()) {
      if (!context.valid(TopicNames.overrideKey(stream))) {
        return false;
      }
    }
    return true;
  }

  /** The override key of the later stream if it is set, else the earlier one's. */
  private static String explicitKey(ParsedValues values, StreamKind later, StreamKind earlier) {
    String laterKey = TopicNames.overrideKey(later);
    return values.optionalString(laterKey) != null ? laterKey : TopicNames.overrideKey(earlier);
  }

  /** The client's own token rules (no whitespace inside); its messages never show the token. */
  private static void checkToken(ValidationContext context) {
    if (!context.valid(API_TOKEN_CONFIG)) {
      return;
    }
    try {
      ApiClientSettings.builder(PLACEHOLDER_URL, (Password) context.values().raw(API_TOKEN_CONFIG))
          .build();
    } catch (IllegalArgumentException e) {
      context.addError(API_TOKEN_CONFIG, "unusable API token: " + e.getMessage());
    }
  }

  /**
   * The client's own URL rules (no user info; plain HTTP only to loopback unless allowed), checked
   * by constructing a client, so there is one rule and not two that drift apart. The real token is
   * not needed for that, and is kept out of the way.
   */
  private static void checkUrl(ValidationContext context) {
    if (!context.valid(API_URL_CONFIG, API_ALLOW_INSECURE_HTTP_CONFIG)) {
      return;
    }
    ApiClientSettings settings =
        ApiClientSettings.builder(
                context.values().optionalString(API_URL_CONFIG), PLACEHOLDER_TOKEN)
            .allowInsecureHttp(context.values().booleanValue(API_ALLOW_INSECURE_HTTP_CONFIG))
            .build();
    try {
      new OkHttpFlashbackApiClient(settings, Time.SYSTEM).close();
    } catch (IllegalArgumentException e) {
      context.addError(API_URL_CONFIG, e.getMessage());
    }
  }
}
