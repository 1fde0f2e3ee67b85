package tech.flashback.connect.record;

import static tech.flashback.connect.record.SchemaSupport.optionalFloat64;
import static tech.flashback.connect.record.SchemaSupport.optionalInt64;
import static tech.flashback.connect.record.SchemaSupport.optionalString;
import static tech.flashback.connect.record.SchemaSupport.requiredString;
import static tech.flashback.connect.record.SchemaSupport.requiredTimestamp;
import static tech.flashback.connect.record.SchemaSupport.schemaName;
import static tech.flashback.connect.record.SchemaSupport.struct;

import org.apache.kafka.connect.data.Schema;

/** Schemas of the {@code minute} stream: usage of one (minute, bucket, repository, host). */
public final class MinuteStatsSchemas {

  public static final int SCHEMA_VERSION = 1;

  public static final String KEY_SCHEMA_NAME = schemaName("MinuteStatsKey");
  public static final String KEY_DOC =
      "Identifies one row of minute-level usage: (minute, bucket_id, repo_id, host). Unique per"
          + " row, so it can serve as a primary key.";

  public static final String VALUE_SCHEMA_NAME = schemaName("MinuteStatsValue");
  public static final String VALUE_DOC =
      "Usage of one bucket, repository and host during one UTC minute, from the Flashback"
          + " GET /stats/minute endpoint.";

  public static final String MINUTE = "minute";
  public static final String BUCKET_ID = "bucket_id";
  public static final String REPO_ID = "repo_id";
  public static final String HOST = "host";
  public static final String UPLOAD_BYTES = "upload_bytes";
  public static final String DOWNLOAD_BYTES = "download_bytes";
  public static final String SIZE_CHANGE = "size_change";
  public static final String LATENCY_MS = "latency_ms";

  private static final String MINUTE_DOC =
      "Start of the minute (UTC): the row's timestamp truncated to the minute.";
  private static final String BUCKET_ID_DOC = "Id of the Flashback bucket.";

  public static final Schema KEY_SCHEMA =
      struct(KEY_SCHEMA_NAME, SCHEMA_VERSION, KEY_DOC)
          .field(MINUTE, requiredTimestamp(MINUTE_DOC))
          .field(BUCKET_ID, requiredString(BUCKET_ID_DOC))
          .field(
              REPO_ID,
              requiredString(
                  "Id of the repository; the empty string when the API sent none (null and empty"
                      + " are the same repository in the key)."))
          .field(
              HOST,
              requiredString(
                  "Host that served the traffic; the empty string when the API sent none (null"
                      + " and empty are the same host in the key)."))
          .build();

  public static final Schema VALUE_SCHEMA =
      struct(VALUE_SCHEMA_NAME, SCHEMA_VERSION, VALUE_DOC)
          .field(MINUTE, requiredTimestamp(MINUTE_DOC))
          .field(BUCKET_ID, requiredString(BUCKET_ID_DOC))
          .field(REPO_ID, optionalString("Id of the repository; null when the API sent none."))
          .field(HOST, optionalString("Host that served the traffic; null when the API sent none."))
          .field(
              UPLOAD_BYTES,
              optionalInt64("Bytes uploaded during the minute (API upl_bytes); null if absent."))
          .field(
              DOWNLOAD_BYTES,
              optionalInt64("Bytes downloaded during the minute (API dwl_bytes); null if absent."))
          .field(
              SIZE_CHANGE,
              optionalInt64(
                  "Net change of stored bytes during the minute; negative when data was removed;"
                      + " null if absent."))
          .field(
              LATENCY_MS,
              optionalFloat64(
                  "Latency observed during the minute, in milliseconds; null if absent."))
          .build();

  private MinuteStatsSchemas() {}
}
