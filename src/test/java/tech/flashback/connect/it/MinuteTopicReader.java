package tech.flashback.connect.it;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Date;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.common.PartitionInfo;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.connect.data.Struct;
import org.apache.kafka.connect.json.JsonConverter;
import org.apache.kafka.connect.json.JsonConverterConfig;
import org.apache.kafka.connect.util.clusters.EmbeddedKafkaCluster;

/**
 * Reads a minute topic incrementally, so a test can poll it every half second without decoding
 * everything again, and remembers where each row sits (partition, offset) so rows written before
 * and after an interruption can be told apart. With {@code readCommitted}, only rows of committed
 * transactions are seen (and the end is the last stable offset).
 */
final class MinuteTopicReader implements AutoCloseable {

  private final String topic;
  private final KafkaConsumer<byte[], byte[]> consumer;
  private final JsonConverter values = new JsonConverter();
  private final List<DeliveredRow> rows = new ArrayList<>();
  private List<TopicPartition> partitions;

  MinuteTopicReader(EmbeddedKafkaCluster kafka, String topic, boolean readCommitted) {
    this.topic = topic;
    Map<String, Object> props = new HashMap<>();
    props.put(
        ConsumerConfig.ISOLATION_LEVEL_CONFIG,
        readCommitted ? "read_committed" : "read_uncommitted");
    props.put(ConsumerConfig.MAX_POLL_RECORDS_CONFIG, 5000);
    this.consumer = kafka.createConsumer(props);
    values.configure(Map.of(JsonConverterConfig.SCHEMAS_ENABLE_CONFIG, "true"), false);
  }

  /** Every row on the topic up to its current end (the last stable offset when read_committed). */
  List<DeliveredRow> catchUp() {
    if (partitions == null && !assign()) {
      return List.of();
    }
    Map<TopicPartition, Long> end = consumer.endOffsets(partitions, Duration.ofSeconds(30));
    long deadline = System.nanoTime() + Duration.ofSeconds(60).toNanos();
    while (!reached(end)) {
      if (System.nanoTime() > deadline) {
        throw new AssertionError("could not read " + topic + " up to " + end);
      }
      for (ConsumerRecord<byte[], byte[]> record : consumer.poll(Duration.ofMillis(200))) {
        rows.add(decode(record));
      }
    }
    return List.copyOf(rows);
  }

  private boolean assign() {
    List<PartitionInfo> infos = consumer.partitionsFor(topic, Duration.ofSeconds(10));
    if (infos == null || infos.isEmpty()) {
      return false;
    }
    partitions = infos.stream().map(i -> new TopicPartition(topic, i.partition())).toList();
    consumer.assign(partitions);
    consumer.seekToBeginning(partitions);
    return true;
  }

  private boolean reached(Map<TopicPartition, Long> end) {
    for (TopicPartition partition : partitions) {
      if (consumer.position(partition, Duration.ofSeconds(30)) < end.get(partition)) {
        return false;
      }
    }
    return true;
  }

  private DeliveredRow decode(ConsumerRecord<byte[], byte[]> record) {
    Struct value = (Struct) values.toConnectData(record.topic(), record.value()).value();
    Instant minute = ((Date) value.get("minute")).toInstant();
    return new DeliveredRow(
        record.partition(),
        record.offset(),
        record.timestamp(),
        minute,
        value.getString("bucket_id"),
        value.getString("repo_id"),
        value.getString("host"),
        value.getInt64("upload_bytes")
            + "|"
            + value.getInt64("download_bytes")
            + "|"
            + value.getInt64("size_change")
            + "|"
            + value.getFloat64("latency_ms").longValue());
  }

  @Override
  public void close() {
    consumer.close();
  }

  /**
   * One minute row as a consumer saw it.
   *
   * @param measures the row's counters, joined, to compare with the simulator's
   */
  record DeliveredRow(
      int partition,
      long offset,
      long timestamp,
      Instant minute,
      String bucketId,
      String repoId,
      String host,
      String measures) {

    /** (minute, bucket, repo, host): unique per row of the dataset. */
    String key() {
      return minute + "|" + bucketId + "|" + repoId + "|" + host;
    }

    /** The key with the counters, to compare with the dataset. */
    String content() {
      return key() + "|" + measures;
    }

    /** Where it sits in the topic. */
    String position() {
      return partition + "@" + offset;
    }
  }
}
