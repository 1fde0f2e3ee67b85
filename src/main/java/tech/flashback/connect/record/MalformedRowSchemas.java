package tech.flashback.connect.record;

import static tech.flashback.connect.record.SchemaSupport.optionalString;
import static tech.flashback.connect.record.SchemaSupport.requiredString;
import static tech.flashback.connect.record.SchemaSupport.requiredTimestamp;
import static tech.flashback.connect.record.SchemaSupport.schemaName;
import static tech.flashback.connect.record.SchemaSupport.struct;

import org.apache.kafka.connect.data.Schema;

/**
 * Schemas of the error topic: API rows that could not be read, forwarded under the {@code
 * error-topic} malformed-row policy.
 *
 * <p>Unlike the data streams, the key is not unique per row: it groups a stream's problems by
 * bucket (so one bucket's problems stay in order on one partition), and its {@code bucket_id} is
 * optional because a row may be too broken to tell which bucket it belongs to.
 */
public final class MalformedRowSchemas {

  public static final int SCHEMA_VERSION = 1;

  public static final String KEY_SCHEMA_NAME = schemaName("MalformedRowKey");
  public static final String KEY_DOC =
      "Groups rows that could not be read by stream and bucket. Not unique per row; bucket_id is"
          + " null when the row was too broken to tell its bucket.";

  public static final String VALUE_SCHEMA_NAME = schemaName("MalformedRowValue");
  public static final String VALUE_DOC =
      "One API row the connector could not read: its raw JSON (bucket credentials removed), what"
          + " was wrong with it, and when it was seen.";

  public static final String STREAM = "stream";
  public static final String BUCKET_ID = "bucket_id";
  public static final String RAW_JSON = "raw_json";
  public static final String ERROR = "error";
  public static final String DETECTED_AT = "detected_at";

  private static final String STREAM_DOC =
      "The stream the row was read for: buckets, bucket-totals, node-daily or minute.";
  private static final String BUCKET_ID_DOC =
      "Id of the bucket the row belongs to; null when it could not be read from the row.";

  public static final Schema KEY_SCHEMA =
      struct(KEY_SCHEMA_NAME, SCHEMA_VERSION, KEY_DOC)
          .field(STREAM, requiredString(STREAM_DOC))
          .field(BUCKET_ID, optionalString(BUCKET_ID_DOC))
          .build();

  public static final Schema VALUE_SCHEMA =
      struct(VALUE_SCHEMA_NAME, SCHEMA_VERSION, VALUE_DOC)
          .field(STREAM, requiredString(STREAM_DOC))
          .field(BUCKET_ID, optionalString(BUCKET_ID_DOC))
          .field(
              RAW_JSON,
              requiredString(
                  "The row exactly as received, except that the bucket credential fields are"
                      + " removed."))
          .field(
              ERROR,
              requiredString(
                  "What was wrong with the row, naming the field and what was expected."))
          .field(DETECTED_AT, requiredTimestamp("When the connector read the row (UTC)."))
          .build();

  private MalformedRowSchemas() {}
}
