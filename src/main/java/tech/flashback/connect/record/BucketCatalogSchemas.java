package tech.flashback.connect.record;

import static tech.flashback.connect.record.SchemaSupport.optionalString;
import static tech.flashback.connect.record.SchemaSupport.optionalTimestamp;
import static tech.flashback.connect.record.SchemaSupport.requiredString;
import static tech.flashback.connect.record.SchemaSupport.schemaName;
import static tech.flashback.connect.record.SchemaSupport.struct;

import org.apache.kafka.connect.data.Schema;

/**
 * Schemas of the {@code buckets} stream: the bucket catalog, for a compacted topic.
 *
 * <p>The value deliberately has no field for the bucket's storage credentials ({@code key}, {@code
 * secret}): they are never read into a record.
 */
public final class BucketCatalogSchemas {

  public static final int SCHEMA_VERSION = 1;

  public static final String KEY_SCHEMA_NAME = schemaName("BucketKey");
  public static final String KEY_DOC =
      "Identifies one bucket of the catalog: (bucket_id). A record with this key and a null value"
          + " (a tombstone) means the bucket is no longer listed.";

  public static final String VALUE_SCHEMA_NAME = schemaName("BucketValue");
  public static final String VALUE_DOC =
      "One bucket of the Flashback catalog, from the GET /bucket endpoint, without its storage"
          + " credentials.";

  public static final String BUCKET_ID = "bucket_id";
  public static final String NAME = "name";
  public static final String STORAGE_TYPE = "storage_type";
  public static final String BUCKET_NAME = "bucket_name";
  public static final String ENDPOINT = "endpoint";
  public static final String REGION = "region";
  public static final String STATUS = "status";
  public static final String LAST_STATUS_AT = "last_status_at";
  public static final String CREATED_AT = "created_at";
  public static final String WORKSPACE_ID = "workspace_id";

  private static final String BUCKET_ID_DOC = "Id of the Flashback bucket.";

  public static final Schema KEY_SCHEMA =
      struct(KEY_SCHEMA_NAME, SCHEMA_VERSION, KEY_DOC)
          .field(BUCKET_ID, requiredString(BUCKET_ID_DOC))
          .build();

  public static final Schema VALUE_SCHEMA =
      struct(VALUE_SCHEMA_NAME, SCHEMA_VERSION, VALUE_DOC)
          .field(BUCKET_ID, requiredString(BUCKET_ID_DOC))
          .field(NAME, optionalString("Display name of the bucket; null if absent."))
          .field(
              STORAGE_TYPE,
              optionalString(
                  "Storage type: S3, GCS, BLOB or any other string the API reports; null if"
                      + " absent."))
          .field(
              BUCKET_NAME,
              optionalString(
                  "Name of the bucket at the storage provider (API bucket); null if absent."))
          .field(ENDPOINT, optionalString("Storage endpoint of the bucket; null if absent."))
          .field(REGION, optionalString("Storage region of the bucket; null if absent."))
          .field(
              STATUS, optionalString("Status of the bucket as the API reports it; null if absent."))
          .field(
              LAST_STATUS_AT,
              optionalTimestamp("When the status was last checked (UTC); null if absent."))
          .field(
              CREATED_AT, optionalTimestamp("When the bucket was created (UTC); null if absent."))
          .field(
              WORKSPACE_ID,
              optionalString("Id of the workspace the bucket belongs to; null if absent."))
          .build();

  private BucketCatalogSchemas() {}
}
