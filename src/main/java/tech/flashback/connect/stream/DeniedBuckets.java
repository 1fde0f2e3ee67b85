package tech.flashback.connect.stream;

import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import tech.flashback.connect.client.BucketDenial;
import tech.flashback.connect.config.StreamKind;

/**
 * Buckets the API refused (403/404), skipped by every stream of the task until the next bucket
 * re-list interval has passed; then they are tried again, so access granted later resumes them.
 */
public final class DeniedBuckets {

  private static final Logger log = LoggerFactory.getLogger(DeniedBuckets.class);

  private final long retryAfterMs;
  private final Map<String, Long> skippedUntil = new ConcurrentHashMap<>();

  /**
   * @param retryAfterMs how long a refused bucket is skipped (the re-list interval)
   */
  public DeniedBuckets(long retryAfterMs) {
    this.retryAfterMs = retryAfterMs;
  }

  public void deny(StreamKind stream, BucketDenial denial, long nowMs) {
    skippedUntil.put(denial.bucketId(), nowMs + retryAfterMs);
    log.warn(
        "Flashback API refused bucket {} for the {} stream (HTTP {}{}); skipping the bucket for {} ms",
        denial.bucketId(),
        stream.streamName(),
        denial.status(),
        denial.message() == null ? "" : ": " + denial.message(),
        retryAfterMs);
  }

  public boolean isSkipped(String bucketId, long nowMs) {
    Long until = skippedUntil.get(bucketId);
    if (until == null) {
      return false;
    }
    if (nowMs >= until) {
      skippedUntil.remove(bucketId, until);
      return false;
    }
    return true;
  }

  public int count() {
    return skippedUntil.size();
  }
}
