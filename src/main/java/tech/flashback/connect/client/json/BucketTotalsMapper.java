package tech.flashback.connect.client.json;

import tech.flashback.connect.client.model.BucketTotals;

/** Maps a {@code GET /bucket/stats} row; the counters arrive as decimal strings. */
public final class BucketTotalsMapper implements RowMapper<BucketTotals> {

  @Override
  public BucketTotals map(RawRow row) throws MalformedRowException {
    return new BucketTotals(
        row.requiredString("bucketId"),
        row.longValue("totalCount"),
        row.longValue("totalUploadBytes"),
        row.longValue("totalDownloadBytes"),
        row.longValue("totalSizeChange"));
  }
}
