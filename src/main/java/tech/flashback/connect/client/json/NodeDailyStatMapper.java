package tech.flashback.connect.client.json;

import java.time.LocalDate;
import tech.flashback.connect.client.model.NodeDailyStat;

/**
 * Maps a {@code POST /bucket/{id}/stats} row. The rows do not name their bucket or day, so the
 * mapper is made for one request and adds them.
 */
public final class NodeDailyStatMapper implements RowMapper<NodeDailyStat> {

  private final String bucketId;
  private final LocalDate day;

  public NodeDailyStatMapper(String bucketId, LocalDate day) {
    this.bucketId = bucketId;
    this.day = day;
  }

  @Override
  public NodeDailyStat map(RawRow row) throws MalformedRowException {
    String ip = row.string("ip");
    String host = row.string("host");
    if (isBlank(ip) && isBlank(host)) {
      throw MalformedRowException.missing("ip' or 'host");
    }
    return new NodeDailyStat(
        bucketId,
        day,
        ip,
        host,
        row.doubleValue("perc_uptime"),
        row.doubleValue("avg_latency_ms"),
        row.string("version"),
        row.string("node_status"),
        row.instant("last_updated"),
        row.doubleValue("last_latency_ms"));
  }

  @Override
  public String bucketIdOf(RawRow row) {
    return bucketId;
  }

  private static boolean isBlank(String value) {
    return value == null || value.isBlank();
  }
}
