package tech.flashback.connect.client.json;

import tech.flashback.connect.client.model.MinuteStat;

/** Maps a {@code GET /stats/minute} row. */
public final class MinuteStatMapper implements RowMapper<MinuteStat> {

  @Override
  public MinuteStat map(RawRow row) throws MalformedRowException {
    return new MinuteStat(
        row.requiredInstant("timestamp"),
        row.requiredString("bucketId"),
        row.string("repoId"),
        row.string("host"),
        row.longValue("upl_bytes"),
        row.longValue("dwl_bytes"),
        row.longValue("size_change"),
        row.doubleValue("latency_ms"));
  }
}
