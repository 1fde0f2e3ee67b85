package tech.flashback.connect.client.model;

import java.util.Objects;

/**
 * Cumulative totals of one bucket ({@code GET /bucket/stats}). Counters are exact int64 values; any
 * of them may be {@code null} when the API leaves it out.
 *
 * @param bucketId the bucket (required)
 * @param totalCount number of operations recorded
 * @param totalUploadBytes bytes uploaded
 * @param totalDownloadBytes bytes downloaded
 * @param totalSizeChange net change of stored bytes; may be negative
 */
public record BucketTotals(
    String bucketId,
    Long totalCount,
    Long totalUploadBytes,
    Long totalDownloadBytes,
    Long totalSizeChange) {

  public BucketTotals {
    Objects.requireNonNull(bucketId, "bucketId");
  }
}
