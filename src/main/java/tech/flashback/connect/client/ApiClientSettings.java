package tech.flashback.connect.client;

import java.time.Duration;
import java.util.Objects;
import org.apache.kafka.common.config.types.Password;

/**
 * Everything the HTTP client needs to know. The token is a {@link Password}, so this record's
 * {@code toString()} shows {@code [hidden]} instead of it.
 *
 * @param baseUrl e.g. {@code https://backend.flashback.tech}
 * @param token the API token, sent as a bearer token
 * @param connectTimeout TCP and TLS connect timeout
 * @param readTimeout the longest silence while reading a response
 * @param writeTimeout the longest stall while writing a request
 * @param callTimeout the longest one whole request may take, body included
 * @param maxAttempts tries per request, the first one included
 * @param initialBackoff backoff ceiling after the first transient failure
 * @param maxBackoff the largest backoff ceiling
 * @param maxRetryAfter the longest {@code Retry-After} honoured
 * @param maxResponseBytes bodies larger than this are refused (after decompression)
 * @param bucketIdsPerRequest how many bucket ids one multi-bucket request carries
 * @param maxRequestsPerSecond request rate cap for this client, 0 for none
 * @param proxy an HTTP proxy, or {@code null}
 * @param trustStore a trust store instead of the JVM's, or {@code null}
 * @param allowInsecureHttp whether {@code http://} is allowed to non-loopback hosts
 */
public record ApiClientSettings(
    String baseUrl,
    Password token,
    Duration connectTimeout,
    Duration readTimeout,
    Duration writeTimeout,
    Duration callTimeout,
    int maxAttempts,
    Duration initialBackoff,
    Duration maxBackoff,
    Duration maxRetryAfter,
    long maxResponseBytes,
    int bucketIdsPerRequest,
    double maxRequestsPerSecond,
    HttpProxy proxy,
    TrustStore trustStore,
    boolean allowInsecureHttp) {

  public static final String DEFAULT_BASE_URL = "https://backend.flashback.tech";
  public static final long DEFAULT_MAX_RESPONSE_BYTES = 64L * 1024 * 1024;

  public ApiClientSettings {
    Objects.requireNonNull(baseUrl, "baseUrl");
    token = checkedToken(token);
    requirePositive(connectTimeout, "connectTimeout");
    requirePositive(readTimeout, "readTimeout");
    requirePositive(writeTimeout, "writeTimeout");
    requirePositive(callTimeout, "callTimeout");
    if (maxResponseBytes < 1) {
      throw new IllegalArgumentException("maxResponseBytes must be positive");
    }
    if (bucketIdsPerRequest < 1) {
      throw new IllegalArgumentException("bucketIdsPerRequest must be at least 1");
    }
    if (!(maxRequestsPerSecond >= 0) || Double.isInfinite(maxRequestsPerSecond)) {
      throw new IllegalArgumentException("maxRequestsPerSecond must be a finite number >= 0");
    }
  }

  /**
   * Trims surrounding whitespace (a token file often ends with a newline) and refuses a token that
   * is empty or holds whitespace or control characters inside. Messages never show the token.
   */
  private static Password checkedToken(Password token) {
    Objects.requireNonNull(token, "token");
    String value = token.value() == null ? "" : token.value().strip();
    if (value.isEmpty()) {
      throw new IllegalArgumentException("API token is empty");
    }
    for (int i = 0; i < value.length(); i++) {
      char c = value.charAt(i);
      if (Character.isWhitespace(c) || Character.isISOControl(c)) {
        throw new IllegalArgumentException(
            "API token contains whitespace or control characters at position " + i);
      }
    }
    return value.equals(token.value()) ? token : new Password(value);
  }

  private static void requirePositive(Duration value, String name) {
    Objects.requireNonNull(value, name);
    if (value.isNegative() || value.isZero()) {
      throw new IllegalArgumentException(name + " must be positive, was " + value);
    }
  }

  /** A builder with the defaults, for the given base URL and token. */
  public static Builder builder(String baseUrl, Password token) {
    return new Builder(baseUrl, token);
  }

  /** Builds {@link ApiClientSettings}; every setting starts at its documented default. */
  public static final class Builder {
    private final String baseUrl;
    private final Password token;
    private Duration connectTimeout = Duration.ofSeconds(10);
    private Duration readTimeout = Duration.ofSeconds(30);
    private Duration writeTimeout = Duration.ofSeconds(10);
    private Duration callTimeout = Duration.ofSeconds(120);
    private int maxAttempts = 6;
    private Duration initialBackoff = Duration.ofMillis(500);
    private Duration maxBackoff = Duration.ofSeconds(30);
    private Duration maxRetryAfter = Duration.ofMinutes(5);
    private long maxResponseBytes = DEFAULT_MAX_RESPONSE_BYTES;
    private int bucketIdsPerRequest = 100;
    private double maxRequestsPerSecond;
    private HttpProxy proxy;
    private TrustStore trustStore;
    private boolean allowInsecureHttp;

    private Builder(String baseUrl, Password token) {
      this.baseUrl = baseUrl;
      this.token = token;
    }

    public Builder connectTimeout(Duration value) {
      this.connectTimeout = value;
      return this;
    }

    public Builder readTimeout(Duration value) {
      this.readTimeout = value;
      return this;
    }

    public Builder writeTimeout(Duration value) {
      this.writeTimeout = value;
      return this;
    }

    public Builder callTimeout(Duration value) {
      this.callTimeout = value;
      return this;
    }

    public Builder maxAttempts(int value) {
      this.maxAttempts = value;
      return this;
    }

    public Builder initialBackoff(Duration value) {
      this.initialBackoff = value;
      return this;
    }

    public Builder maxBackoff(Duration value) {
      this.maxBackoff = value;
      return this;
    }

    public Builder maxRetryAfter(Duration value) {
      this.maxRetryAfter = value;
      return this;
    }

    public Builder maxResponseBytes(long value) {
      this.maxResponseBytes = value;
      return this;
    }

    public Builder bucketIdsPerRequest(int value) {
      this.bucketIdsPerRequest = value;
      return this;
    }

    public Builder maxRequestsPerSecond(double value) {
      this.maxRequestsPerSecond = value;
      return this;
    }

    public Builder proxy(HttpProxy value) {
      this.proxy = value;
      return this;
    }

    public Builder trustStore(TrustStore value) {
      this.trustStore = value;
      return this;
    }

    public Builder allowInsecureHttp(boolean value) {
      this.allowInsecureHttp = value;
      return this;
    }

    public ApiClientSettings build() {
      return new ApiClientSettings(
          baseUrl,
          token,
          connectTimeout,
          readTimeout,
          writeTimeout,
          callTimeout,
          maxAttempts,
          initialBackoff,
          maxBackoff,
          maxRetryAfter,
          maxResponseBytes,
          bucketIdsPerRequest,
          maxRequestsPerSecond,
          proxy,
          trustStore,
          allowInsecureHttp);
    }
  }
}
