package tech.flashback.connect.bench.endtoend;

import java.time.Duration;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.stream.IntStream;
import java.util.zip.CRC32;
import java.util.zip.CRC32C;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;

/**
 * Reads a topic once, after a measurement: how many records, how many distinct keys (so duplicates
 * show), how many key and value bytes, and an order-independent digest of (key, value) so two
 * topics can be shown to hold byte-identical records.
 *
 * @param records records read
 * @param distinctKeys distinct keys, by a 64-bit hash of the key bytes
 * @param keyBytes total serialized key bytes
 * @param valueBytes total serialized value bytes
 * @param digest sum of a 64-bit hash of every (key, value): equal for equal multisets of records
 */
record TopicAudit(long records, long distinctKeys, long keyBytes, long valueBytes, long digest) {

  static TopicAudit read(String bootstrapServers, String topic, int partitions, long expected) {
    Map<String, Object> props = new HashMap<>();
    props.put(ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrapServers);
    props.put(ConsumerConfig.MAX_POLL_RECORDS_CONFIG, 10_000);
    props.put(ConsumerConfig.FETCH_MAX_BYTES_CONFIG, 64 * 1024 * 1024);
    props.put(ConsumerConfig.MAX_PARTITION_FETCH_BYTES_CONFIG, 16 * 1024 * 1024);
    List<TopicPartition> assigned =
        IntStream.range(0, partitions).mapToObj(p -> new TopicPartition(topic, p)).toList();
    try (KafkaConsumer<byte[], byte[]> consumer =
        new KafkaConsumer<>(props, new ByteArrayDeserializer(), new ByteArrayDeserializer())) {
      consumer.assign(assigned);
      consumer.seekToBeginning(assigned);
      Map<TopicPartition, Long> end = consumer.endOffsets(assigned);
      Set<Long> keys = new HashSet<>((int) Math.min(expected * 4 / 3 + 16, Integer.MAX_VALUE));
      long records = 0;
      long keyBytes = 0;
      long valueBytes = 0;
      long digest = 0;
      long deadline = System.nanoTime() + Duration.ofMinutes(5).toNanos();
      while (!reached(consumer, assigned, end)) {
        if (System.nanoTime() > deadline) {
          throw new IllegalStateException("could not read " + topic + " up to " + end);
        }
        for (ConsumerRecord<byte[], byte[]> record : consumer.poll(Duration.ofMillis(500))) {
          long keyHash = hash(record.key());
          keys.add(keyHash);
          digest += mix(keyHash ^ Long.rotateLeft(hash(record.value()), 17));
          keyBytes += record.key().length;
          valueBytes += record.value().length;
          records++;
        }
      }
      return new TopicAudit(records, keys.size(), keyBytes, valueBytes, digest);
    }
  }

  long bytes() {
    return keyBytes + valueBytes;
  }

  private static boolean reached(
      KafkaConsumer<?, ?> consumer,
      List<TopicPartition> partitions,
      Map<TopicPartition, Long> end) {
    for (TopicPartition partition : partitions) {
      if (consumer.position(partition) < end.get(partition)) {
        return false;
      }
    }
    return true;
  }

  /**
   * 64 bits from two different CRCs (both intrinsics, so reading, not hashing, is the audit's
   * cost); collisions are negligible at 10^7 records.
   */
  private static long hash(byte[] bytes) {
    CRC32C crc32c = new CRC32C();
    crc32c.update(bytes);
    CRC32 crc32 = new CRC32();
    crc32.update(bytes);
    return mix(crc32c.getValue() << 32 | crc32.getValue());
  }

  private static long mix(long z) {
    z = (z ^ (z >>> 30)) * 0xBF58476D1CE4E5B9L;
    z = (z ^ (z >>> 27)) * 0x94D049BB133111EBL;
    return z ^ (z >>> 31);
  }
}
