package tech.flashback.connect.client.json;

import java.io.IOException;
import tech.flashback.connect.client.model.BucketTotals;

/** Maps a {@code GET /bucket/stats} row; the counters arrive as decimal strings. */
public final class BucketTotalsMapper implements RowMapper<BucketTotals> {

  /** The fields read, in the order the API documents them. */
  private enum Field implements RowFields.Field {
    BUCKET_ID("bucketId"),
    TOTAL_COUNT("totalCount"),
    TOTAL_UPLOAD_BYTES("totalUploadBytes"),
    TOTAL_DOWNLOAD_BYTES("totalDownloadBytes"),
    TOTAL_SIZE_CHANGE("totalSizeChange");

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

  @Override
  public BucketTotals map(RawRow row) throws MalformedRowException {
    return new BucketTotals(
        row.requiredString(Field.BUCKET_ID.jsonName),
        row.longValue(Field.TOTAL_COUNT.jsonName),
        row.longValue(Field.TOTAL_UPLOAD_BYTES.jsonName),
        row.longValue(Field.TOTAL_DOWNLOAD_BYTES.jsonName),
        row.longValue(Field.TOTAL_SIZE_CHANGE.jsonName));
  }

  @Override
  public BucketTotals read(RowCursor row) throws IOException, MalformedRowException {
    String bucketId = null;
    Long totalCount = null;
    Long totalUploadBytes = null;
    Long totalDownloadBytes = null;
    Long totalSizeChange = null;
    for (Field field = row.nextField(FIELDS); field != null; field = row.nextField(FIELDS)) {
      String name = field.jsonName;
      switch (field) {
        case BUCKET_ID -> bucketId = row.distinctText(name); // one row per bucket
        case TOTAL_COUNT -> totalCount = row.int64(name);
        case TOTAL_UPLOAD_BYTES -> totalUploadBytes = row.int64(name);
        case TOTAL_DOWNLOAD_BYTES -> totalDownloadBytes = row.int64(name);
        case TOTAL_SIZE_CHANGE -> totalSizeChange = row.int64(name);
      }
    }
    return new BucketTotals(
        RowCursor.requiredText(Field.BUCKET_ID.jsonName, bucketId),
        totalCount,
        totalUploadBytes,
        totalDownloadBytes,
        totalSizeChange);
  }
}
