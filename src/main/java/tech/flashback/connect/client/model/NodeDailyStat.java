package tech.flashback.connect.client.model;

import java.time.Instant;
import java.time.LocalDate;
import java.util.Objects;

/**
 * One node's statistics for one bucket and one UTC day ({@code POST /bucket/{id}/stats}).
 *
 * @param bucketId the bucket asked for (required)
 * @param day the UTC day asked for (required)
 * @param ip the node's address; at least one of {@code ip} and {@code host} is present
 * @param host the node's host name
 * @param uptimePercent uptime over the day, 0 to 100 (API {@code perc_uptime})
 * @param avgLatencyMs average latency over the day
 * @param version the node software version
 * @param nodeStatus {@code ONLINE}, {@code OFFLINE}, {@code DISCONNECTED} or any other string
 * @param lastUpdated when the node last reported
 * @param lastLatencyMs the latest latency measured
 */
public record NodeDailyStat(
    String bucketId,
    LocalDate day,
    String ip,
    String host,
    Double uptimePercent,
    Double avgLatencyMs,
    String version,
    String nodeStatus,
    Instant lastUpdated,
    Double lastLatencyMs) {

  public NodeDailyStat {
    Objects.requireNonNull(bucketId, "bucketId");
    Objects.requireNonNull(day, "day");
    if (ip == null && host == null) {
      throw new IllegalArgumentException("a node needs an ip or a host");
    }
  }
}
