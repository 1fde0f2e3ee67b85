package tech.flashback.connect.client;

/** How the client classifies a failed request; counted per endpoint in {@link ClientCounters}. */
public enum ErrorKind {
  /** HTTP 401: the token was rejected. Fatal, never retried. */
  AUTHENTICATION,
  /** HTTP 403 or 404 for a bucket: that bucket is skipped, the others go on. */
  BUCKET_ACCESS,
  /** 408, 429, 5xx, timeouts, resets, HTML or truncated bodies: retried with backoff. */
  TRANSIENT,
  /** Any other refusal (400, {@code success: false}, an untrusted certificate): not retried. */
  REQUEST,
  /** A body larger than the configured maximum: not retried. */
  RESPONSE_TOO_LARGE;

  /** A lower-case, hyphenated name for logs and metric tags. */
  public String metricName() {
    return name().toLowerCase(java.util.Locale.ROOT).replace('_', '-');
  }
}
