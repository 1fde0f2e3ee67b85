package tech.flashback.connect.simulator;

/**
 * How a malformed row is broken. Which field is hit depends on the endpoint:
 *
 * <ul>
 *   <li>MINUTE_STATS: {@code "upl_bytes":"12x"}, {@code "timestamp":"not-a-time"}, no {@code
 *       bucketId}, {@code "dwl_bytes":99999999999999999999999};
 *   <li>NODE_DAILY: {@code "perc_uptime":"high"}, {@code "last_updated":"not-a-time"}, {@code
 *       "avg_latency_ms":99999999999999999999999};
 *   <li>BUCKET_TOTALS: {@code "totalCount":"12x"}, no {@code bucketId}, {@code
 *       "totalUploadBytes":"99999999999999999999999"};
 *   <li>LIST_BUCKETS: no {@code id}, {@code "createdAt":"not-a-time"}.
 * </ul>
 */
public enum Malformation {
  UNPARSABLE_NUMBER,
  UNPARSABLE_TIMESTAMP,
  MISSING_BUCKET_ID,
  BEYOND_INT64;

  static final String UNPARSABLE_NUMBER_TEXT = "12x";
  static final String UNPARSABLE_UPTIME_TEXT = "high";
  static final String UNPARSABLE_TIMESTAMP_TEXT = "not-a-time";
  static final String BEYOND_INT64_TEXT = "99999999999999999999999";
}
