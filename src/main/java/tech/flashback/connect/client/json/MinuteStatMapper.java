package tech.flashback.connect.client.json;

import java.io.IOException;
import java.time.Instant;
import tech.flashback.connect.client.model.MinuteStat;

/** Maps a {@code GET /stats/minute} row. */
public final class MinuteStatMapper implements RowMapper<MinuteStat> {

  /** The fields read, in the order the API documents them. */
  private enum Field implements RowFields.Field {
    TIMESTAMP("timestamp"),
    REPO_ID("repoId"),
    BUCKET_ID("bucketId"),
    UPL_BYTES("upl_bytes"),
    DWL_BYTES("dwl_bytes"),
    SIZE_CHANGE("size_change"),
    LATENCY_MS("latency_ms"),
    HOST("host");

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
  public MinuteStat map(RawRow row) throws MalformedRowException {
    return new MinuteStat(
        row.requiredInstant(Field.TIMESTAMP.jsonName),
        row.requiredString(Field.BUCKET_ID.jsonName),
        row.string(Field.REPO_ID.jsonName),
        row.string(Field.HOST.jsonName),
        row.longValue(Field.UPL_BYTES.jsonName),
        row.longValue(Field.DWL_BYTES.jsonName),
        row.longValue(Field.SIZE_CHANGE.jsonName),
        row.doubleValue(Field.LATENCY_MS.jsonName));
  }

  @Override
  public MinuteStat read(RowCursor row) throws IOException, MalformedRowException {
    Instant timestamp = null;
    String bucketId = null;
    String repoId = null;
    String host = null;
    Long uploadBytes = null;
    Long downloadBytes = null;
    Long sizeChange = null;
    Double latencyMs = null;
    for (Field field = row.nextField(FIELDS); field != null; field = row.nextField(FIELDS)) {
      String name = field.jsonName;
      switch (field) {
        case TIMESTAMP -> timestamp = row.instant(name);
        case BUCKET_ID -> bucketId = row.text(name);
        case REPO_ID -> repoId = row.text(name);
        case HOST -> host = row.text(name);
        case UPL_BYTES -> uploadBytes = row.int64(name);
        case DWL_BYTES -> downloadBytes = row.int64(name);
        case SIZE_CHANGE -> sizeChange = row.int64(name);
        case LATENCY_MS -> latencyMs = row.float64(name);
      }
    }
    return new MinuteStat(
        RowCursor.required(Field.TIMESTAMP.jsonName, timestamp),
        RowCursor.requiredText(Field.BUCKET_ID.jsonName, bucketId),
        repoId,
        host,
        uploadBytes,
        downloadBytes,
        sizeChange,
        latencyMs);
  }
}
