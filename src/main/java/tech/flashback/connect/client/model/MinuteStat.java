package tech.flashback.connect.client.model;

import java.time.Instant;
import java.util.Objects;

/**
 * Usage of one (minute, bucket, repo, host) ({@code GET /stats/minute}).
 *
 * @param timestamp the minute (required)
 * @param bucketId the bucket (required)
 * @param repoId the repository, may be {@code null}
 * @param host the serving host, may be {@code null}
 * @param uploadBytes bytes uploaded in the minute (API {@code upl_bytes})
 * @param downloadBytes bytes downloaded in the minute (API {@code dwl_bytes})
 * @param sizeChange net change of stored bytes; may be negative
 * @param latencyMs latency observed in the minute
 */
public record MinuteStat(
    Instant timestamp,
    String bucketId,
    String repoId,
    String host,
    Long uploadBytes,
    Long downloadBytes,
    Long sizeChange,
    Double latencyMs) {

  public MinuteStat {
    Objects.requireNonNull(timestamp, "timestamp");
    Objects.requireNonNull(bucketId, "bucketId");
  }
}
