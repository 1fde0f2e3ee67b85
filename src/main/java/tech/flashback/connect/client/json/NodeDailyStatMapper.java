package tech.flashback.connect.client.json;

import java.io.IOException;
import java.time.Instant;
import java.time.LocalDate;
import tech.flashback.connect.client.model.NodeDailyStat;

/**
 * Maps a {@code POST /bucket/{id}/stats} row. The rows do not name their bucket or day, so the
 * mapper is made for one request and adds them.
 */
public final class NodeDailyStatMapper implements RowMapper<NodeDailyStat> {

  /** The fields read, in the order the API documents them. */
  private enum Field implements RowFields.Field {
    IP("ip"),
    HOST("host"),
    PERC_UPTIME("perc_uptime"),
    AVG_LATENCY_MS("avg_latency_ms"),
    VERSION("version"),
    NODE_STATUS("node_status"),
    LAST_UPDATED("last_updated"),
    LAST_LATENCY_MS("last_latency_ms");

    private final String jsonName;

    Field(String jsonName) {
      this.jsonName = jsonName;
    }

    @Override
    public String jsonName() {
      return jsonName;
    }
  }

  private static final RowFields<Field> FIELDS = RowFields.of(Field.class);

  private final String bucketId;
  private final LocalDate day;

  public NodeDailyStatMapper(String bucketId, LocalDate day) {
    this.bucketId = bucketId;
    this.day = day;
  }

  @Override
  public NodeDailyStat map(RawRow row) throws MalformedRowException {
    String ip = row.string(Field.IP.jsonName);
    String host = row.string(Field.HOST.jsonName);
    requireIpOrHost(ip, host);
    return new NodeDailyStat(
        bucketId,
        day,
        ip,
        host,
        row.doubleValue(Field.PERC_UPTIME.jsonName),
        row.doubleValue(Field.AVG_LATENCY_MS.jsonName),
        row.string(Field.VERSION.jsonName),
        row.string(Field.NODE_STATUS.jsonName),
        row.instant(Field.LAST_UPDATED.jsonName),
        row.doubleValue(Field.LAST_LATENCY_MS.jsonName));
  }

  @Override
  public NodeDailyStat read(RowCursor row) throws IOException, MalformedRowException {
    String ip = null;
    String host = null;
    Double uptimePercent = null;
    Double avgLatencyMs = null;
    String version = null;
    String nodeStatus = null;
    Instant lastUpdated = null;
    Double lastLatencyMs = null;
    for (Field field = row.nextField(FIELDS); field != null; field = row.nextField(FIELDS)) {
      String name = field.jsonName;
      switch (field) {
        case IP -> ip = row.distinctText(name); // one row per node
        case HOST -> host = row.distinctText(name);
        case PERC_UPTIME -> uptimePercent = row.float64(name);
        case AVG_LATENCY_MS -> avgLatencyMs = row.float64(name);
        case VERSION -> version = row.text(name);
        case NODE_STATUS -> nodeStatus = row.text(name);
        case LAST_UPDATED -> lastUpdated = row.instant(name);
        case LAST_LATENCY_MS -> lastLatencyMs = row.float64(name);
      }
    }
    requireIpOrHost(ip, host);
    return new NodeDailyStat(
        bucketId,
        day,
        ip,
        host,
        uptimePercent,
        avgLatencyMs,
        version,
        nodeStatus,
        lastUpdated,
        lastLatencyMs);
  }

  @Override
  public String bucketIdOf(RawRow row) {
    return bucketId;
  }

  private static void requireIpOrHost(String ip, String host) throws MalformedRowException {
    if (isBlank(ip) && isBlank(host)) {
      throw MalformedRowException.missing("ip' or 'host");
    }
  }

  private static boolean isBlank(String value) {
    return value == null || value.isBlank();
  }
}
