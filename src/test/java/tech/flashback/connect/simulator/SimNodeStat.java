package tech.flashback.connect.simulator;

import java.time.Instant;
import java.time.LocalDate;

/**
 * One entry of {@code POST /bucket/{id}/stats}. {@code bucketId}, {@code day} and {@code nodeIndex}
 * identify it and are not part of the JSON.
 */
public record SimNodeStat(
    String bucketId,
    LocalDate day,
    int nodeIndex,
    String ip,
    String host,
    double percUptime,
    long avgLatencyMs,
    String version,
    String nodeStatus,
    Instant lastUpdated,
    long lastLatencyMs) {}
