package tech.flashback.connect.stream;

import java.time.Duration;

/**
 * What the bucket totals stream needs from the configuration.
 *
 * @param topic where the records go
 * @param interval the snapshot interval; snapshots are taken on this grid of wall-clock time
 * @param bucketIdsPerRequest how many buckets one request asks for
 */
public record TotalsSettings(String topic, Duration interval, int bucketIdsPerRequest) {}
