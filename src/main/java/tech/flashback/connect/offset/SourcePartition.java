package tech.flashback.connect.offset;

import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Objects;
import tech.flashback.connect.config.StreamKind;

/**
 * Where a record comes from: one stream of one bucket ({@code {"bucket": "b-1", "stream":
 * "minute"}}), or the whole catalog ({@code {"stream": "buckets"}}). Partitions only identify; the
 * format version lives in the offset, so a new offset format never orphans stored partitions.
 *
 * @param stream the stream
 * @param bucketId the bucket, or {@code null} for the catalog
 */
public record SourcePartition(StreamKind stream, String bucketId) {

  static final String STREAM = "stream";
  static final String BUCKET = "bucket";

  public SourcePartition {
    Objects.requireNonNull(stream, "stream");
    if (stream == StreamKind.BUCKETS && bucketId != null) {
      throw new IllegalArgumentException("the catalog partition has no bucket");
    }
    if (stream != StreamKind.BUCKETS && (bucketId == null || bucketId.isBlank())) {
      throw new IllegalArgumentException(
          "a '" + stream.streamName() + "' partition needs a non-empty 'bucket'");
    }
  }

  /** The catalog's single partition. */
  public static SourcePartition catalog() {
    return new SourcePartition(StreamKind.BUCKETS, null);
  }

  /** The partition of one bucket's stream. */
  public static SourcePartition of(StreamKind stream, String bucketId) {
    return new SourcePartition(stream, bucketId);
  }

  /**
   * The partition as Connect stores it. Connect finds stored offsets by the exact bytes of the
   * serialized map, so the key order is fixed: {@code bucket}, then {@code stream}, the order in
   * which Connect reads partitions back (a {@code HashMap}) for its offsets REST API and resets.
   * ({@code Map.of} iterates in an order that changes from one JVM to the next.)
   */
  public Map<String, Object> toMap() {
    if (bucketId == null) {
      return Map.of(STREAM, stream.streamName());
    }
    Map<String, Object> map = new LinkedHashMap<>();
    map.put(BUCKET, bucketId);
    map.put(STREAM, stream.streamName());
    return Collections.unmodifiableMap(map);
  }

  /**
   * Reads a partition map, e.g. one an operator wrote through the offsets REST API.
   *
   * @throws IllegalArgumentException naming what is wrong
   */
  public static SourcePartition fromMap(Map<String, ?> map) {
    if (map == null) {
      throw new IllegalArgumentException("a source partition must not be null");
    }
    for (String key : map.keySet()) {
      if (!key.equals(STREAM) && !key.equals(BUCKET)) {
        throw new IllegalArgumentException(
            "unknown source partition field '" + key + "'; expected 'stream' and 'bucket'");
      }
    }
    StreamKind stream = StreamKind.fromName(OffsetFields.requireString(map, STREAM));
    return new SourcePartition(stream, OffsetFields.optionalString(map, BUCKET));
  }
}
