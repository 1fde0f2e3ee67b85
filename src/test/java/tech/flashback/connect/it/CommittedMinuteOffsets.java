package tech.flashback.connect.it;

import java.time.Instant;
import java.util.Comparator;
import java.util.HashMap;
import java.util.Map;
import org.apache.kafka.connect.runtime.rest.entities.ConnectorOffset;
import org.apache.kafka.connect.util.clusters.EmbeddedConnectCluster;
import tech.flashback.connect.it.MinuteTopicReader.DeliveredRow;

/**
 * The minute offsets a connector had committed at one moment, as the offsets REST API shows them,
 * read by the documented format (README, "Offsets: what is exact and what is not"): {@code {"v": 1,
 * "minute": M}} means every minute before M is emitted; with {@code "partial": true} the rows of M
 * up to ({@code after_repo}, {@code after_host}) are emitted too (repo, then host, null first).
 */
final class CommittedMinuteOffsets {

  private static final Comparator<String> NULLS_FIRST =
      Comparator.nullsFirst(Comparator.naturalOrder());

  private final Map<String, Position> byBucket;

  private CommittedMinuteOffsets(Map<String, Position> byBucket) {
    this.byBucket = byBucket;
  }

  /** Reads {@code GET /connectors/{name}/offsets}. */
  static CommittedMinuteOffsets read(EmbeddedConnectCluster connect, String connector) {
    Map<String, Position> byBucket = new HashMap<>();
    for (ConnectorOffset entry : connect.connectorOffsets(connector).offsets()) {
      if (!"minute".equals(entry.partition().get("stream"))) {
        continue;
      }
      Map<String, ?> offset = entry.offset();
      if (offset == null || ((Number) offset.get("v")).intValue() != 1) {
        // null: Connect could not find the offset under the partition as it reads it back
        throw new AssertionError("unexpected minute offset: " + entry);
      }
      byBucket.put(
          (String) entry.partition().get("bucket"),
          new Position(
              Instant.ofEpochMilli(((Number) offset.get("minute")).longValue()),
              Boolean.TRUE.equals(offset.get("partial")),
              (String) offset.get("after_repo"),
              (String) offset.get("after_host")));
    }
    return new CommittedMinuteOffsets(Map.copyOf(byBucket));
  }

  /** Whether the committed offset of the row's bucket says the row was already emitted. */
  boolean covers(DeliveredRow row) {
    Position position = byBucket.get(row.bucketId());
    if (position == null) {
      return false;
    }
    int byMinute = row.minute().compareTo(position.minute());
    if (byMinute != 0) {
      return byMinute < 0;
    }
    if (!position.partial()) {
      return false;
    }
    int byRepo = NULLS_FIRST.compare(row.repoId(), position.afterRepo());
    return byRepo < 0 || byRepo == 0 && NULLS_FIRST.compare(row.host(), position.afterHost()) <= 0;
  }

  /** Buckets with a committed minute offset. */
  int size() {
    return byBucket.size();
  }

  @Override
  public String toString() {
    return byBucket.toString();
  }

  private record Position(Instant minute, boolean partial, String afterRepo, String afterHost) {}
}
