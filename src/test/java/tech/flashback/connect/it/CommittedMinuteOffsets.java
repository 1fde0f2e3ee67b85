package tech.flashback.connect.it;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import jakarta.ws.rs.core.Response;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.time.Instant;
import java.util.Comparator;
import java.util.HashMap;
import java.util.Map;
import org.apache.kafka.connect.util.clusters.EmbeddedConnectCluster;
import tech.flashback.connect.it.MinuteTopicReader.DeliveredRow;

/**
 * The minute offsets a connector had committed at one moment, as the offsets REST API shows them,
 * read by the documented format (README, "Offsets: what is exact and what is not"): {@code {"v": 1,
 * "minute": M}} means every minute before M is emitted; with {@code "partial": true} the rows of M
 * up to ({@code after_repo}, {@code after_host}) are emitted too (repo, then host, null first).
 */
final class CommittedMinuteOffsets {

  private static final ObjectMapper JSON = new ObjectMapper();
  private static final Comparator<String> NULLS_FIRST =
      Comparator.nullsFirst(Comparator.naturalOrder());

  private final Map<String, Position> byBucket;

  private CommittedMinuteOffsets(Map<String, Position> byBucket) {
    this.byBucket = byBucket;
  }

  /**
   * Reads {@code GET /connectors/{name}/offsets} as raw JSON: in this build, {@code
   * EmbeddedConnectCluster.connectorOffsets} returns entries whose offset map is null.
   */
  static CommittedMinuteOffsets read(EmbeddedConnectCluster connect, String connector) {
    String url = connect.endpointForResource("connectors/" + connector + "/offsets");
    JsonNode body;
    try (Response response = connect.requestGet(url)) {
      String text = String.valueOf(response.getEntity());
      if (response.getStatus() != 200) {
        throw new AssertionError("GET " + url + ": " + response.getStatus() + " " + text);
      }
      body = JSON.readTree(text);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
    Map<String, Position> byBucket = new HashMap<>();
    for (JsonNode entry : body.path("offsets")) {
      JsonNode partition = entry.path("partition");
      if (!"minute".equals(partition.path("stream").asText())) {
        continue;
      }
      JsonNode offset = entry.path("offset");
      if (offset.path("v").asInt() != 1) {
        throw new AssertionError("unexpected minute offset: " + entry);
      }
      byBucket.put(
          partition.path("bucket").asText(),
          new Position(
              Instant.ofEpochMilli(offset.path("minute").asLong()),
              offset.path("partial").asBoolean(false),
              offset.hasNonNull("after_repo") ? offset.get("after_repo").asText() : null,
              offset.hasNonNull("after_host") ? offset.get("after_host").asText() : null));
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
