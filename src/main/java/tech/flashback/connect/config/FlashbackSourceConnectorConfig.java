package tech.flashback.connect.config;

import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.regex.Pattern;
import org.apache.kafka.common.config.AbstractConfig;
import org.apache.kafka.common.config.ConfigDef;
import org.apache.kafka.common.config.ConfigDef.CaseInsensitiveValidString;
import org.apache.kafka.common.config.ConfigDef.Importance;
import org.apache.kafka.common.config.ConfigDef.Range;
import org.apache.kafka.common.config.ConfigDef.Type;
import org.apache.kafka.common.config.ConfigDef.ValidList;
import org.apache.kafka.common.config.ConfigDef.ValidString;
import org.apache.kafka.common.config.ConfigDef.Width;
import tech.flashback.connect.client.ApiClientSettings;

/**
 * The connector's configuration: every key with its documentation, group, validator and
 * recommender, and typed getters so no other class reads a raw property.
 *
 * <p>Connect's own keys ({@code tasks.max}, {@code errors.tolerance}, converters, ...) are
 * deliberately not defined here: the worker owns them.
 */
public class FlashbackSourceConnectorConfig extends AbstractConfig {

  // ---------------------------------------------------------------- API
  public static final String API_GROUP = "API";

  public static final String API_URL_CONFIG = "flashback.api.url";
  public static final String API_URL_DEFAULT = ApiClientSettings.DEFAULT_BASE_URL;
  public static final String API_URL_DISPLAY = "API base URL";
  public static final String API_URL_DOC =
      "Base URL of the Flashback API. Must be https:// unless the host is loopback or "
          + "flashback.api.allow.insecure.http is true, so the token never travels in clear text.";

  public static final String API_TOKEN_CONFIG = "flashback.api.token";
  public static final String API_TOKEN_DISPLAY = "API token";
  public static final String API_TOKEN_DOC =
      "API token, sent as a bearer token on every call. Keep it out of connector configs with a "
          + "config provider, e.g. ${file:/etc/secrets/flashback.properties:token} or "
          + "${env:FLASHBACK_API_TOKEN}. Surrounding whitespace (a trailing newline) is ignored.";

  public static final String API_ALLOW_INSECURE_HTTP_CONFIG = "flashback.api.allow.insecure.http";
  public static final boolean API_ALLOW_INSECURE_HTTP_DEFAULT = false;
  public static final String API_ALLOW_INSECURE_HTTP_DISPLAY = "Allow plain HTTP";
  public static final String API_ALLOW_INSECURE_HTTP_DOC =
      "Allow an http:// API URL to a host that is not loopback. The token is then sent "
          + "unencrypted; only for trusted networks, such as a TLS-terminating sidecar.";

  public static final String API_CONNECT_TIMEOUT_MS_CONFIG = "flashback.api.connect.timeout.ms";
  public static final long API_CONNECT_TIMEOUT_MS_DEFAULT = 10_000L;
  public static final String API_CONNECT_TIMEOUT_MS_DISPLAY = "Connect timeout (ms)";
  public static final String API_CONNECT_TIMEOUT_MS_DOC =
      "Longest wait, in milliseconds, for a TCP connection and TLS handshake with the API.";

  public static final String API_READ_TIMEOUT_MS_CONFIG = "flashback.api.read.timeout.ms";
  public static final long API_READ_TIMEOUT_MS_DEFAULT = 30_000L;
  public static final String API_READ_TIMEOUT_MS_DISPLAY = "Read timeout (ms)";
  public static final String API_READ_TIMEOUT_MS_DOC =
      "Longest silence, in milliseconds, while reading a response before the attempt fails.";

  public static final String API_WRITE_TIMEOUT_MS_CONFIG = "flashback.api.write.timeout.ms";
  public static final long API_WRITE_TIMEOUT_MS_DEFAULT = 10_000L;
  public static final String API_WRITE_TIMEOUT_MS_DISPLAY = "Write timeout (ms)";
  public static final String API_WRITE_TIMEOUT_MS_DOC =
      "Longest stall, in milliseconds, while sending a request before the attempt fails.";

  public static final String API_CALL_TIMEOUT_MS_CONFIG = "flashback.api.call.timeout.ms";
  public static final long API_CALL_TIMEOUT_MS_DEFAULT = 120_000L;
  public static final String API_CALL_TIMEOUT_MS_DISPLAY = "Call timeout (ms)";
  public static final String API_CALL_TIMEOUT_MS_DOC =
      "Longest time, in milliseconds, one HTTP request may take as a whole, body included. "
          + "Retries each get their own budget.";

  public static final String API_RETRY_MAX_ATTEMPTS_CONFIG = "flashback.api.retry.max.attempts";
  public static final int API_RETRY_MAX_ATTEMPTS_DEFAULT = 6;
  public static final String API_RETRY_MAX_ATTEMPTS_DISPLAY = "Attempts per request";
  public static final String API_RETRY_MAX_ATTEMPTS_DOC =
      "How many times a request is tried, the first try included, when it fails transiently "
          + "(timeouts, resets, HTTP 408, 429 and 5xx). 1 disables retries. A 401 is never retried.";

  public static final String API_RETRY_BACKOFF_MS_CONFIG = "flashback.api.retry.backoff.ms";
  public static final long API_RETRY_BACKOFF_MS_DEFAULT = 500L;
  public static final String API_RETRY_BACKOFF_MS_DISPLAY = "Initial retry backoff (ms)";
  public static final String API_RETRY_BACKOFF_MS_DOC =
      "Backoff ceiling, in milliseconds, after the first transient failure. The ceiling doubles "
          + "with each further failure up to flashback.api.retry.backoff.max.ms; the actual wait "
          + "is a random time below it (full jitter).";

  public static final String API_RETRY_BACKOFF_MAX_MS_CONFIG = "flashback.api.retry.backoff.max.ms";
  public static final long API_RETRY_BACKOFF_MAX_MS_DEFAULT = 30_000L;
  public static final String API_RETRY_BACKOFF_MAX_MS_DISPLAY = "Maximum retry backoff (ms)";
  public static final String API_RETRY_BACKOFF_MAX_MS_DOC =
      "Largest backoff ceiling, in milliseconds. Must not be below flashback.api.retry.backoff.ms."
          + " When a call still fails after its last attempt, the stream waits this long before"
          + " trying again (its offsets unchanged) while the task's other streams go on.";

  public static final String API_RETRY_AFTER_MAX_MS_CONFIG = "flashback.api.retry.after.max.ms";
  public static final long API_RETRY_AFTER_MAX_MS_DEFAULT = 300_000L;
  public static final String API_RETRY_AFTER_MAX_MS_DISPLAY = "Maximum Retry-After (ms)";
  public static final String API_RETRY_AFTER_MAX_MS_DOC =
      "Longest Retry-After, in milliseconds, that is honoured; a longer one is cut to this.";

  public static final String API_MAX_REQUESTS_PER_SECOND_CONFIG =
      "flashback.api.max.requests.per.second";
  public static final double API_MAX_REQUESTS_PER_SECOND_DEFAULT = 0.0;
  public static final String API_MAX_REQUESTS_PER_SECOND_DISPLAY = "Maximum requests per second";
  public static final String API_MAX_REQUESTS_PER_SECOND_DOC =
      "Request rate cap per task (each task has its own client), e.g. 0.5 for one request every "
          + "two seconds. 0 means unlimited.";

  public static final String API_MAX_RESPONSE_BYTES_CONFIG = "flashback.api.max.response.bytes";
  public static final long API_MAX_RESPONSE_BYTES_DEFAULT =
      ApiClientSettings.DEFAULT_MAX_RESPONSE_BYTES;
  public static final String API_MAX_RESPONSE_BYTES_DISPLAY = "Maximum response size (bytes)";
  public static final String API_MAX_RESPONSE_BYTES_DOC =
      "Largest response body, in bytes after decompression, a task accepts; a larger one fails "
          + "the call instead of exhausting the worker's heap. Lower "
          + "flashback.api.bucket.ids.per.request or flashback.minute.window.max.ms if minute "
          + "responses hit it.";

  public static final String API_BUCKET_IDS_PER_REQUEST_CONFIG =
      "flashback.api.bucket.ids.per.request";
  public static final int API_BUCKET_IDS_PER_REQUEST_DEFAULT = 100;
  public static final String API_BUCKET_IDS_PER_REQUEST_DISPLAY = "Bucket ids per request";
  public static final String API_BUCKET_IDS_PER_REQUEST_DOC =
      "How many bucket ids one bucket-totals or minute request carries; more buckets are asked "
          + "in several requests. Lower it if URLs get too long for a proxy.";

  // ---------------------------------------------------------------- Proxy and TLS
  public static final String PROXY_TLS_GROUP = "Proxy and TLS";

  public static final String PROXY_HOST_CONFIG = "flashback.api.proxy.host";
  public static final String PROXY_HOST_DISPLAY = "HTTP proxy host";
  public static final String PROXY_HOST_DOC =
      "Host of an HTTP proxy for API calls (HTTPS is tunnelled with CONNECT). Unset: no proxy, "
          + "whatever the JVM's proxy properties say.";

  public static final String PROXY_PORT_CONFIG = "flashback.api.proxy.port";
  public static final int PROXY_PORT_DEFAULT = 3128;
  public static final String PROXY_PORT_DISPLAY = "HTTP proxy port";
  public static final String PROXY_PORT_DOC = "Port of the HTTP proxy.";

  public static final String PROXY_USERNAME_CONFIG = "flashback.api.proxy.username";
  public static final String PROXY_USERNAME_DISPLAY = "HTTP proxy username";
  public static final String PROXY_USERNAME_DOC =
      "Username for proxy authentication (Basic, answered to a 407). Unset: no authentication.";

  public static final String PROXY_PASSWORD_CONFIG = "flashback.api.proxy.password";
  public static final String PROXY_PASSWORD_DISPLAY = "HTTP proxy password";
  public static final String PROXY_PASSWORD_DOC =
      "Password for proxy authentication; needs flashback.api.proxy.username.";

  public static final String TRUSTSTORE_PATH_CONFIG = "flashback.api.truststore.path";
  public static final String TRUSTSTORE_PATH_DISPLAY = "Trust store path";
  public static final String TRUSTSTORE_PATH_DOC =
      "Trust store file, on every worker, holding the CA certificates the API's TLS certificate "
          + "is checked against instead of the JVM's. Unset: the JVM's default trust store. There "
          + "is deliberately no option to trust every certificate.";

  public static final String TRUSTSTORE_PASSWORD_CONFIG = "flashback.api.truststore.password";
  public static final String TRUSTSTORE_PASSWORD_DISPLAY = "Trust store password";
  public static final String TRUSTSTORE_PASSWORD_DOC =
      "Password of the trust store, if it has one; needs flashback.api.truststore.path.";

  public static final String TRUSTSTORE_TYPE_CONFIG = "flashback.api.truststore.type";
  public static final String TRUSTSTORE_TYPE_DEFAULT = "PKCS12";
  public static final List<String> TRUSTSTORE_TYPES = List.of("PKCS12", "JKS");
  public static final String TRUSTSTORE_TYPE_DISPLAY = "Trust store type";
  public static final String TRUSTSTORE_TYPE_DOC = "Format of the trust store file.";

  // ---------------------------------------------------------------- Buckets
  public static final String BUCKETS_GROUP = "Buckets";

  public static final String WORKSPACE_ID_CONFIG = "flashback.workspace.id";
  public static final String WORKSPACE_ID_DISPLAY = "Workspace id";
  public static final String WORKSPACE_ID_DOC =
      "Only discover the buckets of this workspace. Unset: every bucket the token can see.";

  public static final String BUCKET_IDS_CONFIG = "flashback.bucket.ids";
  public static final List<String> BUCKET_IDS_DEFAULT = List.of();
  public static final String BUCKET_IDS_DISPLAY = "Bucket ids";
  public static final String BUCKET_IDS_DOC =
      "Comma-separated ids of the buckets to stream. When set, buckets are not discovered, so "
          + "the workspace id and the include/exclude patterns must be unset. Empty: discover.";

  public static final String BUCKET_INCLUDE_PATTERN_CONFIG = "flashback.bucket.include.pattern";
  public static final String BUCKET_INCLUDE_PATTERN_DISPLAY = "Bucket include pattern";
  public static final String BUCKET_INCLUDE_PATTERN_DOC =
      "Java regular expression; a discovered bucket is kept when it matches the bucket's whole id "
          + "or whole name, e.g. prod-.* . Unset: every bucket.";

  public static final String BUCKET_EXCLUDE_PATTERN_CONFIG = "flashback.bucket.exclude.pattern";
  public static final String BUCKET_EXCLUDE_PATTERN_DISPLAY = "Bucket exclude pattern";
  public static final String BUCKET_EXCLUDE_PATTERN_DOC =
      "Java regular expression; a discovered bucket whose whole id or whole name matches is "
          + "dropped, even when the include pattern matches it. Unset: none dropped.";

  public static final String BUCKET_RELIST_INTERVAL_MS_CONFIG =
      "flashback.bucket.relist.interval.ms";
  public static final long BUCKET_RELIST_INTERVAL_MS_DEFAULT = 300_000L;
  public static final String BUCKET_RELIST_INTERVAL_MS_DISPLAY = "Bucket re-list interval (ms)";
  public static final String BUCKET_RELIST_INTERVAL_MS_DOC =
      "How often, in milliseconds, the connector lists buckets again and reassigns tasks when "
          + "the set of selected buckets has changed.";

  // ---------------------------------------------------------------- Streams
  public static final String STREAMS_GROUP = "Streams";

  public static final String STREAMS_CONFIG = "flashback.streams";
  public static final List<String> STREAMS_DEFAULT = StreamKind.streamNames();
  public static final String STREAMS_DISPLAY = "Streams";
  public static final String STREAMS_DOC =
      "Comma-separated streams to emit: buckets (the catalog), bucket-totals (cumulative totals "
          + "per bucket), node-daily (per-node statistics per closed UTC day) and minute "
          + "(minute-level usage).";

  public static final String TOPIC_PREFIX_CONFIG = "flashback.topic.prefix";
  public static final String TOPIC_PREFIX_DEFAULT = "flashback.";
  public static final String TOPIC_PREFIX_DISPLAY = "Topic prefix";
  public static final String TOPIC_PREFIX_DOC =
      "Prefix of the default topic names: a stream's topic is the prefix followed by the stream "
          + "name (flashback.bucket-totals), the error topic the prefix followed by 'errors'. May "
          + "be empty.";

  public static final String BUCKETS_TOPIC_CONFIG = "flashback.buckets.topic";
  public static final String BUCKETS_TOPIC_DISPLAY = "Buckets topic";
  public static final String BUCKETS_TOPIC_DOC =
      "Topic of the buckets stream. Unset or empty: the prefix followed by 'buckets'. Best "
          + "created with cleanup.policy=compact: a record per bucket, a tombstone when it goes.";

  public static final String BUCKET_TOTALS_TOPIC_CONFIG = "flashback.bucket.totals.topic";
  public static final String BUCKET_TOTALS_TOPIC_DISPLAY = "Bucket totals topic";
  public static final String BUCKET_TOTALS_TOPIC_DOC =
      "Topic of the bucket-totals stream. Unset or empty: the prefix followed by 'bucket-totals'.";

  public static final String NODE_DAILY_TOPIC_CONFIG = "flashback.node.daily.topic";
  public static final String NODE_DAILY_TOPIC_DISPLAY = "Node daily topic";
  public static final String NODE_DAILY_TOPIC_DOC =
      "Topic of the node-daily stream. Unset or empty: the prefix followed by 'node-daily'.";

  public static final String MINUTE_TOPIC_CONFIG = "flashback.minute.topic";
  public static final String MINUTE_TOPIC_DISPLAY = "Minute topic";
  public static final String MINUTE_TOPIC_DOC =
      "Topic of the minute stream. Unset or empty: the prefix followed by 'minute'.";

  public static final String BUCKETS_INTERVAL_MS_CONFIG = "flashback.buckets.interval.ms";
  public static final long BUCKETS_INTERVAL_MS_DEFAULT = 300_000L;
  public static final String BUCKETS_INTERVAL_MS_DISPLAY = "Buckets interval (ms)";
  public static final String BUCKETS_INTERVAL_MS_DOC =
      "How often, in milliseconds, the catalog is read; only changed buckets (and tombstones for "
          + "removed ones) are emitted.";

  public static final String BUCKET_TOTALS_INTERVAL_MS_CONFIG =
      "flashback.bucket.totals.interval.ms";
  public static final long BUCKET_TOTALS_INTERVAL_MS_DEFAULT = 300_000L;
  public static final String BUCKET_TOTALS_INTERVAL_MS_DISPLAY = "Bucket totals interval (ms)";
  public static final String BUCKET_TOTALS_INTERVAL_MS_DOC =
      "How often, in milliseconds, a snapshot of every bucket's totals is emitted. The cadence "
          + "survives restarts.";

  public static final String MINUTE_POLL_INTERVAL_MS_CONFIG = "flashback.minute.poll.interval.ms";
  public static final long MINUTE_POLL_INTERVAL_MS_DEFAULT = 60_000L;
  public static final String MINUTE_POLL_INTERVAL_MS_DISPLAY = "Minute poll interval (ms)";
  public static final String MINUTE_POLL_INTERVAL_MS_DOC =
      "How often, in milliseconds, new minute rows are asked for once a bucket has caught up. "
          + "A backfill runs window after window without waiting.";

  public static final String MINUTE_LAG_MS_CONFIG = "flashback.minute.lag.ms";
  public static final long MINUTE_LAG_MS_DEFAULT = 180_000L;
  public static final String MINUTE_LAG_MS_DISPLAY = "Minute lag (ms)";
  public static final String MINUTE_LAG_MS_DOC =
      "How long, in milliseconds, after a minute ends before it is read, so rows that arrive "
          + "late are included. Rows arriving later than this are missed: the offset has moved on.";

  public static final String MINUTE_BACKFILL_START_CONFIG = "flashback.minute.backfill.start";
  public static final String MINUTE_BACKFILL_START_DEFAULT = "PT1H";
  public static final String MINUTE_BACKFILL_START_DISPLAY = "Minute backfill start";
  public static final String MINUTE_BACKFILL_START_DOC =
      "Where the minute stream starts for a bucket without an offset: "
          + MinuteBackfillStart.EXPECTED
          + ". Truncated to the minute. Buckets with an offset resume from it instead.";

  public static final String MINUTE_WINDOW_MAX_MS_CONFIG = "flashback.minute.window.max.ms";
  public static final long MINUTE_WINDOW_MAX_MS_DEFAULT = 3_600_000L;
  public static final String MINUTE_WINDOW_MAX_MS_DISPLAY = "Minute window maximum (ms)";
  public static final String MINUTE_WINDOW_MAX_MS_DOC =
      "Longest time range, in milliseconds, one minute request asks for; a longer range (a "
          + "backfill, or catching up after downtime) is split into windows of this length.";

  public static final String NODE_DAILY_BACKFILL_START_CONFIG =
      "flashback.node.daily.backfill.start";
  public static final String NODE_DAILY_BACKFILL_START_DEFAULT = "P7D";
  public static final String NODE_DAILY_BACKFILL_START_DISPLAY = "Node daily backfill start";
  public static final String NODE_DAILY_BACKFILL_START_DOC =
      "First UTC day the node-daily stream reads for a bucket without an offset: "
          + DailyBackfillStart.EXPECTED
          + ". Buckets with an offset resume from it instead.";

  public static final String NODE_DAILY_SETTLE_DELAY_MS_CONFIG =
      "flashback.node.daily.settle.delay.ms";
  public static final long NODE_DAILY_SETTLE_DELAY_MS_DEFAULT = 3_600_000L;
  public static final String NODE_DAILY_SETTLE_DELAY_MS_DISPLAY = "Node daily settle delay (ms)";
  public static final String NODE_DAILY_SETTLE_DELAY_MS_DOC =
      "How long, in milliseconds, after UTC midnight a day is read, so its statistics are "
          + "complete. A day is emitted once and never revised.";

  // ---------------------------------------------------------------- Records
  public static final String RECORDS_GROUP = "Records";

  public static final String POLL_MAX_RECORDS_CONFIG = "flashback.poll.max.records";
  public static final int POLL_MAX_RECORDS_DEFAULT = 2000;
  public static final String POLL_MAX_RECORDS_DISPLAY = "Maximum records per poll";
  public static final String POLL_MAX_RECORDS_DOC =
      "Most records one poll() hands to Connect; larger batches are handed over in several polls.";

  public static final String MALFORMED_ROW_POLICY_CONFIG = "flashback.malformed.row.policy";
  public static final String MALFORMED_ROW_POLICY_DEFAULT = MalformedRowPolicy.FAIL.configValue();
  public static final String MALFORMED_ROW_POLICY_DISPLAY = "Malformed row policy";
  public static final String MALFORMED_ROW_POLICY_DOC =
      "What to do with an API row that cannot be read: 'fail' stops the task (its offset does not "
          + "move past the row), 'skip' logs a WARN and counts it in a metric, 'error-topic' "
          + "sends the raw JSON and the problem to the error topic. Independent of Connect's "
          + "errors.tolerance, which covers converters and transforms.";

  public static final String ERROR_TOPIC_CONFIG = "flashback.error.topic";
  public static final String ERROR_TOPIC_DISPLAY = "Error topic";
  public static final String ERROR_TOPIC_DOC =
      "Topic for malformed rows under the 'error-topic' policy. Unset: the prefix followed by "
          + "'errors'. Must not be set empty when the policy is 'error-topic'.";

  /** Suffix of the default error topic after the prefix. */
  public static final String ERROR_TOPIC_SUFFIX = "errors";

  /** The connector's configuration definition. Extended, never changed, by the task config. */
  public static final ConfigDef CONFIG_DEF = configDef();

  private final ParsedValues parsed;

  public FlashbackSourceConnectorConfig(Map<?, ?> props) {
    this(CONFIG_DEF, props);
  }

  protected FlashbackSourceConnectorConfig(ConfigDef definition, Map<?, ?> props) {
    super(definition, props);
    this.parsed = new ParsedValues(values());
  }

  /** A new copy of the connector's definition, for callers that extend it. */
  public static ConfigDef configDef() {
    ConfigDef def = new ConfigDef();
    defineApi(def);
    defineProxyAndTls(def);
    defineBuckets(def);
    defineStreams(def);
    defineRecords(def);
    return def;
  }

  // The keys of each group are defined in one method, in the order a reader meets them.

  private static void defineApi(ConfigDef def) {
    int order = 0;
    def.define(
            API_URL_CONFIG,
            Type.STRING,
            API_URL_DEFAULT,
            new HttpUrlValidator(),
            Importance.HIGH,
            API_URL_DOC,
            API_GROUP,
            ++order,
            Width.LONG,
            API_URL_DISPLAY)
        .define(
            API_TOKEN_CONFIG,
            Type.PASSWORD,
            ConfigDef.NO_DEFAULT_VALUE,
            new NonBlankPassword(),
            Importance.HIGH,
            API_TOKEN_DOC,
            API_GROUP,
            ++order,
            Width.LONG,
            API_TOKEN_DISPLAY)
        .define(
            API_ALLOW_INSECURE_HTTP_CONFIG,
            Type.BOOLEAN,
            API_ALLOW_INSECURE_HTTP_DEFAULT,
            Importance.LOW,
            API_ALLOW_INSECURE_HTTP_DOC,
            API_GROUP,
            ++order,
            Width.SHORT,
            API_ALLOW_INSECURE_HTTP_DISPLAY);
    defineLong(
        def,
        API_CONNECT_TIMEOUT_MS_CONFIG,
        API_CONNECT_TIMEOUT_MS_DEFAULT,
        1,
        Importance.LOW,
        API_CONNECT_TIMEOUT_MS_DOC,
        API_GROUP,
        ++order,
        API_CONNECT_TIMEOUT_MS_DISPLAY);
    defineLong(
        def,
        API_READ_TIMEOUT_MS_CONFIG,
        API_READ_TIMEOUT_MS_DEFAULT,
        1,
        Importance.LOW,
        API_READ_TIMEOUT_MS_DOC,
        API_GROUP,
        ++order,
        API_READ_TIMEOUT_MS_DISPLAY);
    defineLong(
        def,
        API_WRITE_TIMEOUT_MS_CONFIG,
        API_WRITE_TIMEOUT_MS_DEFAULT,
        1,
        Importance.LOW,
        API_WRITE_TIMEOUT_MS_DOC,
        API_GROUP,
        ++order,
        API_WRITE_TIMEOUT_MS_DISPLAY);
    defineLong(
        def,
        API_CALL_TIMEOUT_MS_CONFIG,
        API_CALL_TIMEOUT_MS_DEFAULT,
        1,
        Importance.LOW,
        API_CALL_TIMEOUT_MS_DOC,
        API_GROUP,
        ++order,
        API_CALL_TIMEOUT_MS_DISPLAY);
    def.define(
        API_RETRY_MAX_ATTEMPTS_CONFIG,
        Type.INT,
        API_RETRY_MAX_ATTEMPTS_DEFAULT,
        Range.between(1, 100),
        Importance.MEDIUM,
        API_RETRY_MAX_ATTEMPTS_DOC,
        API_GROUP,
        ++order,
        Width.SHORT,
        API_RETRY_MAX_ATTEMPTS_DISPLAY);
    defineLong(
        def,
        API_RETRY_BACKOFF_MS_CONFIG,
        API_RETRY_BACKOFF_MS_DEFAULT,
        0,
        Importance.LOW,
        API_RETRY_BACKOFF_MS_DOC,
        API_GROUP,
        ++order,
        API_RETRY_BACKOFF_MS_DISPLAY);
    defineLong(
        def,
        API_RETRY_BACKOFF_MAX_MS_CONFIG,
        API_RETRY_BACKOFF_MAX_MS_DEFAULT,
        0,
        Importance.LOW,
        API_RETRY_BACKOFF_MAX_MS_DOC,
        API_GROUP,
        ++order,
        API_RETRY_BACKOFF_MAX_MS_DISPLAY);
    defineLong(
        def,
        API_RETRY_AFTER_MAX_MS_CONFIG,
        API_RETRY_AFTER_MAX_MS_DEFAULT,
        0,
        Importance.LOW,
        API_RETRY_AFTER_MAX_MS_DOC,
        API_GROUP,
        ++order,
        API_RETRY_AFTER_MAX_MS_DISPLAY);
    def.define(
            API_MAX_REQUESTS_PER_SECOND_CONFIG,
            Type.DOUBLE,
            API_MAX_REQUESTS_PER_SECOND_DEFAULT,
            Range.atLeast(0.0),
            Importance.MEDIUM,
            API_MAX_REQUESTS_PER_SECOND_DOC,
            API_GROUP,
            ++order,
            Width.SHORT,
            API_MAX_REQUESTS_PER_SECOND_DISPLAY)
        .define(
            API_MAX_RESPONSE_BYTES_CONFIG,
            Type.LONG,
            API_MAX_RESPONSE_BYTES_DEFAULT,
            Range.atLeast(1024),
            Importance.LOW,
            API_MAX_RESPONSE_BYTES_DOC,
            API_GROUP,
            ++order,
            Width.SHORT,
            API_MAX_RESPONSE_BYTES_DISPLAY)
        .define(
            API_BUCKET_IDS_PER_REQUEST_CONFIG,
            Type.INT,
            API_BUCKET_IDS_PER_REQUEST_DEFAULT,
            Range.between(1, 1000),
            Importance.LOW,
            API_BUCKET_IDS_PER_REQUEST_DOC,
            API_GROUP,
            ++order,
            Width.SHORT,
            API_BUCKET_IDS_PER_REQUEST_DISPLAY);
  }

  private static void defineProxyAndTls(ConfigDef def) {
    int order = 0;
    def.define(
            PROXY_HOST_CONFIG,
            Type.STRING,
            null,
            Importance.LOW,
            PROXY_HOST_DOC,
            PROXY_TLS_GROUP,
            ++order,
            Width.MEDIUM,
            PROXY_HOST_DISPLAY,
            List.of(PROXY_PORT_CONFIG, PROXY_USERNAME_CONFIG, PROXY_PASSWORD_CONFIG))
        .define(
            PROXY_PORT_CONFIG,
            Type.INT,
            PROXY_PORT_DEFAULT,
            Range.between(1, 65_535),
            Importance.LOW,
            PROXY_PORT_DOC,
            PROXY_TLS_GROUP,
            ++order,
            Width.SHORT,
            PROXY_PORT_DISPLAY,
            Recommendation.visibleWhenSet(PROXY_HOST_CONFIG))
        .define(
            PROXY_USERNAME_CONFIG,
            Type.STRING,
            null,
            Importance.LOW,
            PROXY_USERNAME_DOC,
            PROXY_TLS_GROUP,
            ++order,
            Width.MEDIUM,
            PROXY_USERNAME_DISPLAY,
            Recommendation.visibleWhenSet(PROXY_HOST_CONFIG))
        .define(
            PROXY_PASSWORD_CONFIG,
            Type.PASSWORD,
            null,
            Importance.LOW,
            PROXY_PASSWORD_DOC,
            PROXY_TLS_GROUP,
            ++order,
            Width.MEDIUM,
            PROXY_PASSWORD_DISPLAY,
            Recommendation.visibleWhenSet(PROXY_HOST_CONFIG))
        .define(
            TRUSTSTORE_PATH_CONFIG,
            Type.STRING,
            null,
            Importance.MEDIUM,
            TRUSTSTORE_PATH_DOC,
            PROXY_TLS_GROUP,
            ++order,
            Width.LONG,
            TRUSTSTORE_PATH_DISPLAY,
            List.of(TRUSTSTORE_PASSWORD_CONFIG, TRUSTSTORE_TYPE_CONFIG))
        .define(
            TRUSTSTORE_PASSWORD_CONFIG,
            Type.PASSWORD,
            null,
            Importance.MEDIUM,
            TRUSTSTORE_PASSWORD_DOC,
            PROXY_TLS_GROUP,
            ++order,
            Width.MEDIUM,
            TRUSTSTORE_PASSWORD_DISPLAY,
            Recommendation.visibleWhenSet(TRUSTSTORE_PATH_CONFIG))
        .define(
            TRUSTSTORE_TYPE_CONFIG,
            Type.STRING,
            TRUSTSTORE_TYPE_DEFAULT,
            CaseInsensitiveValidString.in(TRUSTSTORE_TYPES.toArray(String[]::new)),
            Importance.LOW,
            TRUSTSTORE_TYPE_DOC,
            PROXY_TLS_GROUP,
            ++order,
            Width.SHORT,
            TRUSTSTORE_TYPE_DISPLAY,
            Recommendation.choicesWhenSet(TRUSTSTORE_TYPES, TRUSTSTORE_PATH_CONFIG));
  }

  private static void defineBuckets(ConfigDef def) {
    int order = 0;
    def.define(
            WORKSPACE_ID_CONFIG,
            Type.STRING,
            null,
            Importance.MEDIUM,
            WORKSPACE_ID_DOC,
            BUCKETS_GROUP,
            ++order,
            Width.MEDIUM,
            WORKSPACE_ID_DISPLAY)
        .define(
            BUCKET_IDS_CONFIG,
            Type.LIST,
            BUCKET_IDS_DEFAULT,
            new IdListValidator(),
            Importance.MEDIUM,
            BUCKET_IDS_DOC,
            BUCKETS_GROUP,
            ++order,
            Width.LONG,
            BUCKET_IDS_DISPLAY)
        .define(
            BUCKET_INCLUDE_PATTERN_CONFIG,
            Type.STRING,
            null,
            regexValidator(),
            Importance.MEDIUM,
            BUCKET_INCLUDE_PATTERN_DOC,
            BUCKETS_GROUP,
            ++order,
            Width.MEDIUM,
            BUCKET_INCLUDE_PATTERN_DISPLAY)
        .define(
            BUCKET_EXCLUDE_PATTERN_CONFIG,
            Type.STRING,
            null,
            regexValidator(),
            Importance.MEDIUM,
            BUCKET_EXCLUDE_PATTERN_DOC,
            BUCKETS_GROUP,
            ++order,
            Width.MEDIUM,
            BUCKET_EXCLUDE_PATTERN_DISPLAY);
    defineLong(
        def,
        BUCKET_RELIST_INTERVAL_MS_CONFIG,
        BUCKET_RELIST_INTERVAL_MS_DEFAULT,
        1000,
        Importance.LOW,
        BUCKET_RELIST_INTERVAL_MS_DOC,
        BUCKETS_GROUP,
        ++order,
        BUCKET_RELIST_INTERVAL_MS_DISPLAY);
  }

  private static void defineStreams(ConfigDef def) {
    int order = 0;
    def.define(
            STREAMS_CONFIG,
            Type.LIST,
            STREAMS_DEFAULT,
            ValidList.in(false, STREAMS_DEFAULT.toArray(String[]::new)),
            Importance.HIGH,
            STREAMS_DOC,
            STREAMS_GROUP,
            ++order,
            Width.LONG,
            STREAMS_DISPLAY,
            Recommendation.choices(STREAMS_DEFAULT))
        .define(
            TOPIC_PREFIX_CONFIG,
            Type.STRING,
            TOPIC_PREFIX_DEFAULT,
            new TopicNameValidator("a topic name prefix"),
            Importance.HIGH,
            TOPIC_PREFIX_DOC,
            STREAMS_GROUP,
            ++order,
            Width.MEDIUM,
            TOPIC_PREFIX_DISPLAY);
    order = defineTopic(def, BUCKETS_TOPIC_CONFIG, BUCKETS_TOPIC_DOC, order, BUCKETS_TOPIC_DISPLAY);
    order =
        defineTopic(
            def,
            BUCKET_TOTALS_TOPIC_CONFIG,
            BUCKET_TOTALS_TOPIC_DOC,
            order,
            BUCKET_TOTALS_TOPIC_DISPLAY);
    order =
        defineTopic(
            def, NODE_DAILY_TOPIC_CONFIG, NODE_DAILY_TOPIC_DOC, order, NODE_DAILY_TOPIC_DISPLAY);
    order = defineTopic(def, MINUTE_TOPIC_CONFIG, MINUTE_TOPIC_DOC, order, MINUTE_TOPIC_DISPLAY);
    defineLong(
        def,
        BUCKETS_INTERVAL_MS_CONFIG,
        BUCKETS_INTERVAL_MS_DEFAULT,
        1,
        Importance.MEDIUM,
        BUCKETS_INTERVAL_MS_DOC,
        STREAMS_GROUP,
        ++order,
        BUCKETS_INTERVAL_MS_DISPLAY);
    defineLong(
        def,
        BUCKET_TOTALS_INTERVAL_MS_CONFIG,
        BUCKET_TOTALS_INTERVAL_MS_DEFAULT,
        1,
        Importance.MEDIUM,
        BUCKET_TOTALS_INTERVAL_MS_DOC,
        STREAMS_GROUP,
        ++order,
        BUCKET_TOTALS_INTERVAL_MS_DISPLAY);
    defineLong(
        def,
        MINUTE_POLL_INTERVAL_MS_CONFIG,
        MINUTE_POLL_INTERVAL_MS_DEFAULT,
        1,
        Importance.MEDIUM,
        MINUTE_POLL_INTERVAL_MS_DOC,
        STREAMS_GROUP,
        ++order,
        MINUTE_POLL_INTERVAL_MS_DISPLAY);
    defineLong(
        def,
        MINUTE_LAG_MS_CONFIG,
        MINUTE_LAG_MS_DEFAULT,
        0,
        Importance.MEDIUM,
        MINUTE_LAG_MS_DOC,
        STREAMS_GROUP,
        ++order,
        MINUTE_LAG_MS_DISPLAY);
    def.define(
        MINUTE_BACKFILL_START_CONFIG,
        Type.STRING,
        MINUTE_BACKFILL_START_DEFAULT,
        ParsingValidator.required(MinuteBackfillStart.EXPECTED, MinuteBackfillStart::parse),
        Importance.MEDIUM,
        MINUTE_BACKFILL_START_DOC,
        STREAMS_GROUP,
        ++order,
        Width.MEDIUM,
        MINUTE_BACKFILL_START_DISPLAY);
    defineLong(
        def,
        MINUTE_WINDOW_MAX_MS_CONFIG,
        MINUTE_WINDOW_MAX_MS_DEFAULT,
        60_000,
        Importance.LOW,
        MINUTE_WINDOW_MAX_MS_DOC,
        STREAMS_GROUP,
        ++order,
        MINUTE_WINDOW_MAX_MS_DISPLAY);
    def.define(
        NODE_DAILY_BACKFILL_START_CONFIG,
        Type.STRING,
        NODE_DAILY_BACKFILL_START_DEFAULT,
        ParsingValidator.required(DailyBackfillStart.EXPECTED, DailyBackfillStart::parse),
        Importance.MEDIUM,
        NODE_DAILY_BACKFILL_START_DOC,
        STREAMS_GROUP,
        ++order,
        Width.MEDIUM,
        NODE_DAILY_BACKFILL_START_DISPLAY);
    defineLong(
        def,
        NODE_DAILY_SETTLE_DELAY_MS_CONFIG,
        NODE_DAILY_SETTLE_DELAY_MS_DEFAULT,
        0,
        Importance.LOW,
        NODE_DAILY_SETTLE_DELAY_MS_DOC,
        STREAMS_GROUP,
        ++order,
        NODE_DAILY_SETTLE_DELAY_MS_DISPLAY);
  }

  private static void defineRecords(ConfigDef def) {
    int order = 0;
    def.define(
            POLL_MAX_RECORDS_CONFIG,
            Type.INT,
            POLL_MAX_RECORDS_DEFAULT,
            Range.atLeast(1),
            Importance.LOW,
            POLL_MAX_RECORDS_DOC,
            RECORDS_GROUP,
            ++order,
            Width.SHORT,
            POLL_MAX_RECORDS_DISPLAY)
        .define(
            MALFORMED_ROW_POLICY_CONFIG,
            Type.STRING,
            MALFORMED_ROW_POLICY_DEFAULT,
            ValidString.in(MalformedRowPolicy.configValues().toArray(String[]::new)),
            Importance.MEDIUM,
            MALFORMED_ROW_POLICY_DOC,
            RECORDS_GROUP,
            ++order,
            Width.SHORT,
            MALFORMED_ROW_POLICY_DISPLAY,
            List.of(ERROR_TOPIC_CONFIG),
            Recommendation.choices(MalformedRowPolicy.configValues()))
        .define(
            ERROR_TOPIC_CONFIG,
            Type.STRING,
            null,
            new TopicNameValidator("a topic name"),
            Importance.MEDIUM,
            ERROR_TOPIC_DOC,
            RECORDS_GROUP,
            ++order,
            Width.MEDIUM,
            ERROR_TOPIC_DISPLAY,
            Recommendation.visibleWhenEquals(
                MALFORMED_ROW_POLICY_CONFIG, MalformedRowPolicy.ERROR_TOPIC.configValue()));
  }

  private static int defineTopic(
      ConfigDef def, String name, String doc, int order, String display) {
    def.define(
        name,
        Type.STRING,
        null,
        new TopicNameValidator("a topic name"),
        Importance.MEDIUM,
        doc,
        STREAMS_GROUP,
        order + 1,
        Width.MEDIUM,
        display);
    return order + 1;
  }

  private static void defineLong(
      ConfigDef def,
      String name,
      long defaultValue,
      long min,
      Importance importance,
      String doc,
      String group,
      int order,
      String display) {
    def.define(
        name,
        Type.LONG,
        defaultValue,
        Range.atLeast(min),
        importance,
        doc,
        group,
        order,
        Width.SHORT,
        display);
  }

  private static ConfigDef.Validator regexValidator() {
    return ParsingValidator.optional("a Java regular expression", Pattern::compile);
  }

  // ---------------------------------------------------------------- typed getters

  /** Settings for the HTTP client, with proxy and trust store when configured. */
  public ApiClientSettings apiClientSettings() {
    return ApiClientSettingsFactory.builder(parsed).build();
  }

  /** Which buckets to stream, and how to find them. */
  public BucketSelection bucketSelection() {
    String include = parsed.optionalString(BUCKET_INCLUDE_PATTERN_CONFIG);
    String exclude = parsed.optionalString(BUCKET_EXCLUDE_PATTERN_CONFIG);
    return new BucketSelection(
        parsed.optionalString(WORKSPACE_ID_CONFIG),
        getList(BUCKET_IDS_CONFIG),
        include == null ? null : Pattern.compile(include),
        exclude == null ? null : Pattern.compile(exclude),
        bucketRelistInterval());
  }

  /** How often the connector lists buckets again. */
  public Duration bucketRelistInterval() {
    return parsed.millis(BUCKET_RELIST_INTERVAL_MS_CONFIG);
  }

  /** The streams switched on, in declaration order. */
  public Set<StreamKind> enabledStreams() {
    return TopicNames.enabledStreams(parsed);
  }

  /** Whether a stream is switched on. */
  public boolean isEnabled(StreamKind stream) {
    return enabledStreams().contains(stream);
  }

  /** The prefix of default topic names; may be empty. */
  public String topicPrefix() {
    return TopicNames.prefix(parsed);
  }

  /** The topic a stream writes to: its override, or the prefix followed by the stream name. */
  public String topic(StreamKind stream) {
    return TopicNames.topic(parsed, stream);
  }

  /** The topic for malformed rows: the override, or the prefix followed by {@code errors}. */
  public String errorTopic() {
    return TopicNames.errorTopic(parsed);
  }

  public Duration bucketsInterval() {
    return parsed.millis(BUCKETS_INTERVAL_MS_CONFIG);
  }

  public Duration bucketTotalsInterval() {
    return parsed.millis(BUCKET_TOTALS_INTERVAL_MS_CONFIG);
  }

  public Duration minutePollInterval() {
    return parsed.millis(MINUTE_POLL_INTERVAL_MS_CONFIG);
  }

  /** How long after a minute ends before it is read. */
  public Duration minuteLag() {
    return parsed.millis(MINUTE_LAG_MS_CONFIG);
  }

  /** The longest window one minute request covers. */
  public Duration minuteWindowMax() {
    return parsed.millis(MINUTE_WINDOW_MAX_MS_CONFIG);
  }

  /** How long after UTC midnight a day counts as closed. */
  public Duration nodeDailySettleDelay() {
    return parsed.millis(NODE_DAILY_SETTLE_DELAY_MS_CONFIG);
  }

  /** The configured minute backfill start, unresolved. */
  public MinuteBackfillStart minuteBackfillStartSetting() {
    return MinuteBackfillStart.parse(getString(MINUTE_BACKFILL_START_CONFIG));
  }

  /** The first minute to read for a bucket without an offset, truncated to the minute. */
  public Instant minuteBackfillStart(Instant now) {
    return minuteBackfillStartSetting().resolve(now);
  }

  /** The configured node-daily backfill start, unresolved. */
  public DailyBackfillStart dailyBackfillStartSetting() {
    return DailyBackfillStart.parse(getString(NODE_DAILY_BACKFILL_START_CONFIG));
  }

  /** The first UTC day to read for a bucket without an offset, given today's UTC date. */
  public LocalDate dailyBackfillStart(LocalDate today) {
    return dailyBackfillStartSetting().resolve(today);
  }

  public int pollMaxRecords() {
    return getInt(POLL_MAX_RECORDS_CONFIG);
  }

  public MalformedRowPolicy malformedRowPolicy() {
    return MalformedRowPolicy.fromConfigValue(getString(MALFORMED_ROW_POLICY_CONFIG));
  }

  /** Every value by key, sorted, with secrets shown as {@code [hidden]}. */
  @Override
  public String toString() {
    Map<String, String> shown = new TreeMap<>();
    values().forEach((key, value) -> shown.put(key, String.valueOf(value)));
    return getClass().getSimpleName() + shown;
  }
}
