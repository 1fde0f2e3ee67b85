package tech.flashback.connect.bench.endtoend;

import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.atomic.AtomicReference;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.header.internals.RecordHeaders;
import org.apache.kafka.common.serialization.ByteArraySerializer;
import org.apache.kafka.connect.header.Header;
import org.apache.kafka.connect.json.JsonConverter;
import org.apache.kafka.connect.json.JsonConverterConfig;
import org.apache.kafka.connect.source.SourceRecord;
import org.apache.kafka.connect.storage.SimpleHeaderConverter;

/**
 * The limit for the end-to-end figures: plain {@link KafkaProducer}s sending the connector's
 * records, already built, to the same broker. Inside the timed loop each record is converted the
 * way Connect's {@code WorkerSourceTask} converts it (key and value with the JSON converter with
 * schemas, the header with Connect's default header converter) and sent with the producer settings
 * Connect's {@code Worker} gives source task producers, so the bytes on the wire are the same.
 */
final class ProducerBaseline {

  static final String THREAD_PREFIX = "bench-baseline-";

  private final String bootstrapServers;

  ProducerBaseline(String bootstrapServers) {
    this.bootstrapServers = bootstrapServers;
  }

  /**
   * What Connect's {@code Worker.baseProducerConfigs} (Kafka 4.3) sets for a source task's
   * producer, on top of the producer's own defaults; no worker or connector override is used here.
   */
  static Map<String, Object> workerOverrides() {
    Map<String, Object> props = new LinkedHashMap<>();
    props.put(ProducerConfig.KEY_SERIALIZER_CLASS_CONFIG, ByteArraySerializer.class.getName());
    props.put(ProducerConfig.VALUE_SERIALIZER_CLASS_CONFIG, ByteArraySerializer.class.getName());
    props.put(ProducerConfig.MAX_BLOCK_MS_CONFIG, Long.toString(Long.MAX_VALUE));
    props.put(ProducerConfig.ENABLE_IDEMPOTENCE_CONFIG, "false");
    props.put(ProducerConfig.ACKS_CONFIG, "all");
    props.put(ProducerConfig.MAX_IN_FLIGHT_REQUESTS_PER_CONNECTION, "1");
    props.put(ProducerConfig.DELIVERY_TIMEOUT_MS_CONFIG, Integer.toString(Integer.MAX_VALUE));
    return props;
  }

  /** The settings that shape throughput, as the producer resolves them (defaults included). */
  static Map<String, String> effectiveSettings(String bootstrapServers) {
    Map<String, Object> props = new HashMap<>(workerOverrides());
    props.put(ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrapServers);
    ProducerConfig config = new ProducerConfig(props);
    Map<String, String> settings = new LinkedHashMap<>();
    for (String name :
        List.of(
            ProducerConfig.ACKS_CONFIG,
            ProducerConfig.ENABLE_IDEMPOTENCE_CONFIG,
            ProducerConfig.MAX_IN_FLIGHT_REQUESTS_PER_CONNECTION,
            ProducerConfig.LINGER_MS_CONFIG,
            ProducerConfig.BATCH_SIZE_CONFIG,
            ProducerConfig.COMPRESSION_TYPE_CONFIG,
            ProducerConfig.BUFFER_MEMORY_CONFIG,
            ProducerConfig.MAX_REQUEST_SIZE_CONFIG,
            ProducerConfig.DELIVERY_TIMEOUT_MS_CONFIG,
            ProducerConfig.MAX_BLOCK_MS_CONFIG)) {
      settings.put(
          name, String.valueOf(config.originals().getOrDefault(name, config.values().get(name))));
    }
    return settings;
  }

  /**
   * Sends every group of records on a thread and producer of its own, all starting together.
   *
   * @param kind a label for the report
   * @param topic where to send (created beforehand, like the connector's topic)
   * @param groups the records, one list per producer
   */
  Measurement run(String kind, String topic, List<List<SourceRecord>> groups) throws Exception {
    Phases phases = new Phases(groups.size());
    List<Thread> threads = new ArrayList<>();
    long created = System.nanoTime();
    for (int i = 0; i < groups.size(); i++) {
      List<SourceRecord> records = groups.get(i);
      String clientId = THREAD_PREFIX + i;
      Thread thread = new Thread(() -> sendAll(clientId, topic, records, phases), clientId);
      threads.add(thread);
      thread.start();
    }
    phases.ready.await();
    CpuMeter.Snapshot before = CpuMeter.take();
    long start = System.nanoTime();
    phases.go.countDown();
    phases.done.await();
    // Measured while threads and producers still live, so their CPU time is still visible.
    CpuMeter.Snapshot after = CpuMeter.take();
    ProducerStats producers = ProducerStats.read(THREAD_PREFIX);
    phases.close.countDown();
    for (Thread thread : threads) {
      thread.join();
    }
    if (phases.failure.get() != null) {
      throw phases.failure.get();
    }
    long sent = groups.stream().mapToLong(List::size).sum();
    long last = phases.lastDone.get();
    return new Measurement(
        kind,
        sent,
        Duration.ofNanos(last - start),
        Duration.ofNanos(last - created),
        null,
        CpuMeter.between(before, after),
        producers);
  }

  /** Where the sending threads are: all ready, go, all done (flushed), close. */
  private static final class Phases {
    final CountDownLatch ready;
    final CountDownLatch go = new CountDownLatch(1);
    final CountDownLatch done;
    final CountDownLatch close = new CountDownLatch(1);
    final AtomicLong lastDone = new AtomicLong();
    final AtomicReference<Exception> failure = new AtomicReference<>();

    Phases(int threads) {
      ready = new CountDownLatch(threads);
      done = new CountDownLatch(threads);
    }

    void fail(Exception e) {
      failure.compareAndSet(null, e);
      // let the other phases through so nothing waits forever
      while (ready.getCount() > 0) {
        ready.countDown();
      }
      while (done.getCount() > 0) {
        done.countDown();
      }
    }
  }

  private void sendAll(String clientId, String topic, List<SourceRecord> records, Phases phases) {
    Map<String, Object> props = new HashMap<>(workerOverrides());
    props.put(ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrapServers);
    props.put(ProducerConfig.CLIENT_ID_CONFIG, clientId);
    JsonConverter keys = jsonConverter(true);
    JsonConverter values = jsonConverter(false);
    SimpleHeaderConverter headers = new SimpleHeaderConverter();
    headers.configure(Map.of());
    try (KafkaProducer<byte[], byte[]> producer = new KafkaProducer<>(props)) {
      producer.partitionsFor(topic); // metadata first, as a task's producer has it after startup
      phases.ready.countDown();
      phases.go.await();
      for (SourceRecord record : records) {
        producer.send(
            toProducerRecord(topic, record, keys, values, headers),
            (metadata, e) -> {
              if (e != null) {
                phases.fail(e);
              }
            });
      }
      producer.flush();
      phases.lastDone.accumulateAndGet(System.nanoTime(), Math::max);
      phases.done.countDown();
      phases.close.await();
    } catch (Exception e) {
      phases.fail(e);
    }
  }

  /** As {@code WorkerSourceTask.convertTransformedRecord} does it, with no transforms. */
  private static ProducerRecord<byte[], byte[]> toProducerRecord(
      String topic,
      SourceRecord record,
      JsonConverter keys,
      JsonConverter values,
      SimpleHeaderConverter headerConverter) {
    RecordHeaders headers = new RecordHeaders();
    for (Header header : record.headers()) {
      headers.add(
          header.key(),
          headerConverter.fromConnectHeader(topic, header.key(), header.schema(), header.value()));
    }
    byte[] key = keys.fromConnectData(topic, headers, record.keySchema(), record.key());
    byte[] value = values.fromConnectData(topic, headers, record.valueSchema(), record.value());
    return new ProducerRecord<>(
        topic, record.kafkaPartition(), record.timestamp(), key, value, headers);
  }

  private static JsonConverter jsonConverter(boolean isKey) {
    JsonConverter converter = new JsonConverter();
    converter.configure(Map.of(JsonConverterConfig.SCHEMAS_ENABLE_CONFIG, "true"), isKey);
    return converter;
  }
}
