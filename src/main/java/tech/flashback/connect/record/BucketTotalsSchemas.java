package tech.flashback.connect.record;

import static tech.flashback.connect.record.SchemaSupport.optionalInt64;
import static tech.flashback.connect.record.SchemaSupport.requiredString;
import static tech.flashback.connect.record.SchemaSupport.requiredTimestamp;
import static tech.flashback.connect.record.SchemaSupport.schemaName;
import static tech.flashback.connect.record.SchemaSupport.struct;

import org.apache.kafka.connect.data.Schema;

/** Schemas of the {@code bucket-totals} stream: a snapshot of one bucket's cumulative totals. */
public final class BucketTotalsSchemas {

  public static final int SCHEMA_VERSION = 1;

  public static final String KEY_SCHEMA_NAME = schemaName("BucketTotalsKey");
  public static final String KEY_DOC =
      "Identifies one snapshot of one bucket's totals: (bucket_id, snapshot_time). Unique per"
          + " snapshot, so it can serve as a primary key.";

  public static final String VALUE_SCHEMA_NAME = schemaName("BucketTotalsValue");
  public static final String VALUE_DOC =
      "Cumulative totals of one bucket as read at one poll, from the Flashback GET /bucket/stats"
          + " endpoint.";

  public static final String BUCKET_ID = "bucket_id";
  public static final String SNAPSHOT_TIME = "snapshot_time";
  public static final String TOTAL_COUNT = "total_count";
  public static final String TOTAL_UPLOAD_BYTES = "total_upload_bytes";
  public static final String TOTAL_DOWNLOAD_BYTES = "total_download_bytes";
  public static final String TOTAL_SIZE_CHANGE = "total_size_change";

  private static final String BUCKET_ID_DOC = "Id of the Flashback bucket.";
  private static final String SNAPSHOT_TIME_DOC =
      "The poll slot the snapshot was taken for (UTC); the connector's schedule, not a field of"
          + " the API response.";

  public static final Schema KEY_SCHEMA =
      struct(KEY_SCHEMA_NAME, SCHEMA_VERSION, KEY_DOC)
          .field(BUCKET_ID, requiredString(BUCKET_ID_DOC))
          .field(SNAPSHOT_TIME, requiredTimestamp(SNAPSHOT_TIME_DOC))
          .build();

  public static final Schema VALUE_SCHEMA =
      struct(VALUE_SCHEMA_NAME, SCHEMA_VERSION, VALUE_DOC)
          .field(BUCKET_ID, requiredString(BUCKET_ID_DOC))
          .field(SNAPSHOT_TIME, requiredTimestamp(SNAPSHOT_TIME_DOC))
          .field(
              TOTAL_COUNT,
              optionalInt64("Number of operations recorded for the bucket; null if absent."))
          .field(
              TOTAL_UPLOAD_BYTES,
              optionalInt64("Bytes uploaded to the bucket in total; null if absent."))
          .field(
              TOTAL_DOWNLOAD_BYTES,
              optionalInt64("Bytes downloaded from the bucket in total; null if absent."))
          .field(
              TOTAL_SIZE_CHANGE,
              optionalInt64(
                  "Net change of stored bytes in total; may be negative; null if absent."))
          .build();

  private BucketTotalsSchemas() {}
}
