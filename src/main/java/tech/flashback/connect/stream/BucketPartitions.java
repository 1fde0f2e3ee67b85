package tech.flashback.connect.stream;

import java.util.HashMap;
import java.util.Map;
import tech.flashback.connect.config.StreamKind;
import tech.flashback.connect.offset.SourcePartition;

/**
 * The source partition maps of one stream's buckets, each made once and shared by every record of
 * its bucket (they are immutable) instead of one per record.
 */
final class BucketPartitions {

  private final StreamKind stream;
  private final Map<String, Map<String, Object>> partitions = new HashMap<>();

  BucketPartitions(StreamKind stream) {
    this.stream = stream;
  }

  /** The partition of {@code bucket} in this stream, as Connect stores it. */
  Map<String, Object> of(String bucket) {
    Map<String, Object> partition = partitions.get(bucket); // no capturing lambda per record
    if (partition == null) {
      partition = SourcePartition.of(stream, bucket).toMap();
      partitions.put(bucket, partition);
    }
    return partition;
  }
}
