package tech.flashback.connect.stream;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.apache.kafka.common.config.types.Password;
import org.apache.kafka.common.utils.MockTime;
import org.apache.kafka.connect.data.Struct;
import org.apache.kafka.connect.source.SourceRecord;
import tech.flashback.connect.client.ApiClientSettings;
import tech.flashback.connect.client.OkHttpFlashbackApiClient;
import tech.flashback.connect.config.MalformedRowPolicy;
import tech.flashback.connect.metrics.TaskMetrics;
import tech.flashback.connect.simulator.FlashbackSimulator;

/** Shared pieces of the stream tests: a client on the simulator, and draining a stream. */
final class StreamTestSupport {

  static final String ERROR_TOPIC = "flashback.errors";

  private StreamTestSupport() {}

  static OkHttpFlashbackApiClient client(FlashbackSimulator simulator, MockTime time) {
    return new OkHttpFlashbackApiClient(
        ApiClientSettings.builder(simulator.baseUrl(), new Password(simulator.token()))
            .initialBackoff(Duration.ofMillis(1))
            .maxBackoff(Duration.ofMillis(5))
            .build(),
        time);
  }

  static MalformedRows malformedRows(MalformedRowPolicy policy, TaskMetrics metrics) {
    return new MalformedRows(policy, ERROR_TOPIC, metrics);
  }

  /** Polls the stream at {@code nowMs} until it has nothing more due then. */
  static List<SourceRecord> drain(RecordStream stream, long nowMs) {
    List<SourceRecord> records = new ArrayList<>();
    int polls = 0;
    do {
      records.addAll(stream.poll(nowMs));
      if (++polls > 100_000) {
        throw new AssertionError("stream never caught up");
      }
    } while (stream.nextDueMs() <= nowMs);
    return records;
  }

  /**
   * The offsets Connect would have committed after the first {@code count} records: per partition,
   * the offset of its last record among them.
   */
  static Map<Map<String, ?>, Map<String, ?>> committedAfter(List<SourceRecord> records, int count) {
    Map<Map<String, ?>, Map<String, ?>> committed = new java.util.HashMap<>();
    for (SourceRecord record : records.subList(0, count)) {
      committed.put(record.sourcePartition(), Map.copyOf(record.sourceOffset()));
    }
    return committed;
  }

  static Struct value(SourceRecord record) {
    return (Struct) record.value();
  }

  static Struct key(SourceRecord record) {
    return (Struct) record.key();
  }
}
