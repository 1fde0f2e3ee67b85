package tech.flashback.connect.config;

import java.util.Arrays;
import java.util.stream.Collectors;

/** The four streams the connector produces. */
public enum StreamKind {
  BUCKETS("buckets"),
  BUCKET_TOTALS("bucket-totals"),
  NODE_DAILY("node-daily"),
  MINUTE("minute");

  private final String streamName;

  StreamKind(String streamName) {
    this.streamName = streamName;
  }

  /** The name used in configuration, source partitions and record headers. */
  public String streamName() {
    return streamName;
  }

  /** The stream with this name; the error names the valid ones. */
  public static StreamKind fromName(String name) {
    for (StreamKind kind : values()) {
      if (kind.streamName.equals(name)) {
        return kind;
      }
    }
    throw new IllegalArgumentException(
        "unknown stream '"
            + name
            + "'; expected one of "
            + Arrays.stream(values())
                .map(StreamKind::streamName)
                .collect(Collectors.joining(", ")));
  }
}
