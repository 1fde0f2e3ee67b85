package tech.flashback.connect.simulator;

/**
 * One entry of {@code GET /bucket/stats}: cumulative counters over a bucket's visible minute rows
 * (plus the large-counter base for a bucket configured with one).
 */
public record SimTotals(
    String bucketId,
    long totalCount,
    long totalUploadBytes,
    long totalDownloadBytes,
    long totalSizeChange) {}
