package tech.flashback.connect.client.json;

import tech.flashback.connect.client.model.Bucket;

/** Maps a {@code GET /bucket} row. The credentials never reach the row, see {@link RawRow}. */
public final class BucketMapper implements RowMapper<Bucket> {

  @Override
  public Bucket map(RawRow row) throws MalformedRowException {
    return new Bucket(
        row.requiredString("id"),
        row.string("name"),
        row.string("storageType"),
        row.string("bucket"),
        row.string("endpoint"),
        row.string("region"),
        row.string("status"),
        row.instant("lastStatusAt"),
        row.instant("createdAt"),
        row.string("workspaceId"));
  }

  @Override
  public String bucketIdOf(RawRow row) {
    return row.stringOrNull("id");
  }
}
