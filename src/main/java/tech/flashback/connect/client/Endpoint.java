package tech.flashback.connect.client;

/** The four calls of the Flashback statistics API that the connector makes. */
public enum Endpoint {
  /** {@code GET /bucket}: the bucket catalog. */
  LIST_BUCKETS("list-buckets", "buckets"),
  /** {@code GET /bucket/stats?bucketId=..}: cumulative totals for many buckets. */
  BUCKET_TOTALS("bucket-totals", "stats"),
  /** {@code POST /bucket/{id}/stats}: per-node statistics of one bucket for one UTC day. */
  NODE_DAILY("node-daily", "nodeStats"),
  /** {@code GET /stats/minute?..}: minute usage for many buckets in a time window. */
  MINUTE_STATS("minute-stats", "data");

  private final String metricName;
  private final String dataField;

  Endpoint(String metricName, String dataField) {
    this.metricName = metricName;
    this.dataField = dataField;
  }

  /** A lower-case, hyphenated name for logs and metric tags. */
  public String metricName() {
    return metricName;
  }

  /** The name of the array that carries the rows in the response envelope. */
  public String dataField() {
    return dataField;
  }

  @Override
  public String toString() {
    return metricName;
  }
}
