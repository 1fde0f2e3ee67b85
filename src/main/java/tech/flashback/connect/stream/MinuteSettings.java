package tech.flashback.connect.stream;

import java.time.Duration;

/**
 * What the minute stream needs from the configuration.
 *
 * @param topic where the records go
 * @param lag how long after a minute ends before it is read, so late rows are included
 * @param pollInterval the least time between two catch-up cycles
 * @param maxWindow the longest window one request asks for (backfills are split into these)
 * @param bucketIdsPerRequest how many buckets one request asks for
 */
public record MinuteSettings(
    String topic,
    Duration lag,
    Duration pollInterval,
    Duration maxWindow,
    int bucketIdsPerRequest) {}
