package tech.flashback.connect.config;

import java.util.Arrays;
import java.util.List;
import java.util.stream.Collectors;

/**
 * The four streams the connector can emit. The stream name is part of the public contract: it
 * appears in configuration values, default topic names, source partitions and record headers, so it
 * never changes once released.
 */
public enum StreamKind {
  /** The bucket catalog, from {@code GET /bucket}. */
  BUCKETS("buckets"),
  /** Cumulative totals per bucket, from {@code GET /bucket/stats}. */
  BUCKET_TOTALS("bucket-totals"),
  /** Per-node statistics per bucket and closed UTC day, from {@code POST /bucket/{id}/stats}. */
  NODE_DAILY("node-daily"),
  /** Minute-level usage rows, from {@code GET /stats/minute}. */
  MINUTE("minute");

  private final String streamName;

  StreamKind(String streamName) {
    this.streamName = streamName;
  }

  /** The stable, lower-case, hyphenated name, e.g. {@code bucket-totals}. */
  public String streamName() {
    return streamName;
  }

  /** Every stream name, in declaration order. */
  public static List<String> streamNames() {
    return Arrays.stream(values()).map(StreamKind::streamName).toList();
  }

  /**
   * The stream with the given name (exact, case-sensitive, as written in the configuration).
   *
   * @throws IllegalArgumentException naming the valid stream names, if there is no such stream
   */
  public static StreamKind fromName(String name) {
    for (StreamKind kind : values()) {
      if (kind.streamName.equals(name)) {
        return kind;
      }
    }
    throw new IllegalArgumentException(
        "unknown stream '"
            + name
            + "'; valid streams are "
            + streamNames().stream().collect(Collectors.joining(", ")));
  }

  @Override
  public String toString() {
    return streamName;
  }
}
