package tech.flashback.connect.bench.freshness;

import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicBoolean;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;
import org.apache.kafka.connect.data.Struct;
import org.apache.kafka.connect.json.JsonConverter;

/**
 * Watches the minute topic and notes, per (minute, bucket), when its last row arrived: a consumer
 * reading from the start, polling continuously, stamping each record with the wall clock when it is
 * handed over (a few milliseconds after the broker appended it).
 */
final class MinuteArrivals implements AutoCloseable {

  private final KafkaConsumer<byte[], byte[]> consumer;
  private final JsonConverter keys = new JsonConverter();
  private final Map<MinuteOfBucket, Arrival> arrivals = new ConcurrentHashMap<>();
  private final AtomicBoolean running = new AtomicBoolean(true);
  private final Thread thread;

  MinuteArrivals(String bootstrapServers, String topic) {
    keys.configure(Map.of("schemas.enable", "true"), true);
    consumer =
        new KafkaConsumer<>(
            Map.of(
                ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrapServers,
                ConsumerConfig.GROUP_ID_CONFIG, "freshness",
                ConsumerConfig.AUTO_OFFSET_RESET_CONFIG, "earliest",
                ConsumerConfig.FETCH_MAX_WAIT_MS_CONFIG, "100"),
            new ByteArrayDeserializer(),
            new ByteArrayDeserializer());
    consumer.subscribe(List.of(topic));
    thread = new Thread(this::consume, "freshness-consumer");
    thread.start();
  }

  private void consume() {
    while (running.get()) {
      for (ConsumerRecord<byte[], byte[]> record : consumer.poll(Duration.ofMillis(100))) {
        long now = System.currentTimeMillis();
        Struct key = (Struct) keys.toConnectData(record.topic(), record.key()).value();
        MinuteOfBucket minute = new MinuteOfBucket(record.timestamp(), key.getString("bucket_id"));
        arrivals.merge(minute, new Arrival(1, now), Arrival::plus);
      }
    }
  }

  /** What has arrived so far. */
  Map<MinuteOfBucket, Arrival> arrivals() {
    return Map.copyOf(arrivals);
  }

  @Override
  public void close() {
    running.set(false);
    try {
      thread.join(10_000);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
    consumer.close();
  }

  /** A minute (its start, epoch millis) of one bucket. */
  record MinuteOfBucket(long minuteStartMs, String bucketId) {}

  /** How many rows of a minute arrived, and when the last did (epoch millis). */
  record Arrival(int rows, long lastMs) {
    Arrival plus(Arrival other) {
      return new Arrival(rows + other.rows, Math.max(lastMs, other.lastMs));
    }
  }
}
