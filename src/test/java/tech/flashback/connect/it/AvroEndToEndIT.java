package tech.flashback.connect.it;

import static org.assertj.core.api.Assertions.assertThat;

import io.apicurio.registry.utils.converter.AvroConverter;
import io.apicurio.registry.utils.converter.avro.AvroData;
import io.apicurio.registry.utils.converter.avro.AvroDataConfig;
import java.nio.ByteBuffer;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.Date;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Predicate;
import org.apache.avro.generic.GenericDatumReader;
import org.apache.avro.io.BinaryDecoder;
import org.apache.avro.io.DecoderFactory;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.connect.data.Schema;
import org.apache.kafka.connect.data.SchemaAndValue;
import org.apache.kafka.connect.data.Struct;
import org.apache.kafka.connect.source.SourceRecord;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.TestMethodOrder;
import tech.flashback.connect.client.model.Bucket;
import tech.flashback.connect.client.model.BucketTotals;
import tech.flashback.connect.client.model.MinuteStat;
import tech.flashback.connect.client.model.NodeDailyStat;
import tech.flashback.connect.client.model.RowProblem;
import tech.flashback.connect.record.BucketCatalogRecords;
import tech.flashback.connect.record.BucketCatalogSchemas;
import tech.flashback.connect.record.BucketTotalsRecords;
import tech.flashback.connect.record.BucketTotalsSchemas;
import tech.flashback.connect.record.MalformedRowRecords;
import tech.flashback.connect.record.MalformedRowSchemas;
import tech.flashback.connect.record.MinuteStatsRecords;
import tech.flashback.connect.record.MinuteStatsSchemas;
import tech.flashback.connect.record.NodeDailyRecords;
import tech.flashback.connect.record.NodeDailySchemas;
import tech.flashback.connect.simulator.FlashbackSimulator;
import tech.flashback.connect.simulator.LoggedRequest;
import tech.flashback.connect.simulator.Malformation;
import tech.flashback.connect.simulator.SimBucket;
import tech.flashback.connect.simulator.SimMinuteRow;
import tech.flashback.connect.simulator.SimNodeStat;
import tech.flashback.connect.simulator.SimTotals;
import tech.flashback.connect.simulator.SimulatorEndpoint;
import tech.flashback.connect.simulator.SyntheticDataset;

/**
 * The Avro path on a real cluster: the worker runs Apicurio's {@code AvroConverter} (a port of
 * Confluent's Connect-to-Avro logic) as key and value converter, in Confluent's wire format,
 * registering into an in-memory registry this test shares ({@link InMemorySchemaRegistry}). Every
 * stream and the error topic are read back with the same converter and must be, Struct for Struct
 * (schema name, version, doc, fields, logical types and values), what the connector's own {@code
 * *Records} converters make of the simulator's rows; the registered schemas must be plain Avro that
 * Apache Avro parses and reads the bytes with; a tombstone must stay a Kafka tombstone.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class AvroEndToEndIT {

  private static final Duration LAG = Duration.ofSeconds(90);
  private static final double MALFORMED_MINUTE_RATE = 0.02;

  private static final String BUCKETS = "flashback.buckets";
  private static final String TOTALS = "flashback.bucket-totals";
  private static final String NODES = "flashback.node-daily";
  private static final String MINUTES = "flashback.minute";
  private static final String ERRORS = "flashback.errors";

  /** Each topic's key and value schema, as the connector builds them. */
  private static final Map<String, List<Schema>> SCHEMAS =
      Map.of(
          BUCKETS, List.of(BucketCatalogSchemas.KEY_SCHEMA, BucketCatalogSchemas.VALUE_SCHEMA),
          TOTALS, List.of(BucketTotalsSchemas.KEY_SCHEMA, BucketTotalsSchemas.VALUE_SCHEMA),
          NODES, List.of(NodeDailySchemas.KEY_SCHEMA, NodeDailySchemas.VALUE_SCHEMA),
          MINUTES, List.of(MinuteStatsSchemas.KEY_SCHEMA, MinuteStatsSchemas.VALUE_SCHEMA),
          ERRORS, List.of(MalformedRowSchemas.KEY_SCHEMA, MalformedRowSchemas.VALUE_SCHEMA));

  private final InMemorySchemaRegistry registry = InMemorySchemaRegistry.shared();
  private FlashbackConnectCluster cluster;
  private FlashbackSimulator simulator;
  private SyntheticDataset dataset;
  private Instant minuteStart;
  private LocalDate firstDay;
  private Instant cutoff;
  private AvroConverter<Object> keyConverter;
  private AvroConverter<Object> valueConverter;

  /**
   * The converter settings a user would give Apicurio's converter for a Confluent-compatible
   * registry, except that the registry is the in-memory one: Confluent's framing (magic byte,
   * 4-byte schema id, no headers), the content id as that schema id, schemas registered on first
   * use.
   */
  static Map<String, String> avroConverterSettings() {
    return Map.of(
        "apicurio.registry.converter.serializer", InMemoryRegistryAvroSerializer.class.getName(),
        "apicurio.registry.auto-register", "true",
        "apicurio.registry.as-confluent", "true",
        "apicurio.registry.use-id", "contentId",
        "apicurio.registry.headers.enabled", "false");
  }

  @BeforeAll
  void startClusterAndConnector() throws Exception {
    registry.clear();
    Instant now = Instant.now();
    firstDay = LocalDate.ofInstant(now, ZoneOffset.UTC).minusDays(2);
    minuteStart = now.minus(Duration.ofHours(2)).truncatedTo(ChronoUnit.HOURS);
    simulator =
        FlashbackSimulator.builder()
            .buckets(3)
            .workspaces(2)
            .reposPerBucket(1)
            .hostsPerBucket(2)
            .nodesPerBucket(3)
            .historyStart(firstDay.atStartOfDay().toInstant(ZoneOffset.UTC))
            .lateFraction(0.2)
            .lateBy(Duration.ofSeconds(60))
            .build();
    simulator.faults().malformedRate(SimulatorEndpoint.MINUTE_STATS, MALFORMED_MINUTE_RATE);
    dataset = simulator.dataset();
    cluster = FlashbackConnectCluster.start(simulator, 1, Map.of());

    Map<String, String> props =
        cluster.connectorProps(
            "tasks.max", "2",
            "flashback.minute.backfill.start", minuteStart.toString(),
            "flashback.minute.lag.ms", Long.toString(LAG.toMillis()),
            "flashback.minute.poll.interval.ms", "5000",
            "flashback.node.daily.backfill.start", firstDay.toString(),
            "flashback.node.daily.settle.delay.ms", "0",
            "flashback.buckets.interval.ms", "2000",
            "flashback.malformed.row.policy", "error-topic");
    props.remove("key.converter.schemas.enable");
    props.remove("value.converter.schemas.enable");
    props.put("key.converter", AvroConverter.class.getName());
    props.put("value.converter", AvroConverter.class.getName());
    avroConverterSettings()
        .forEach(
            (name, value) -> {
              props.put("key.converter." + name, value);
              props.put("value.converter." + name, value);
            });
    cluster.connect().configureConnector(FlashbackConnectCluster.CONNECTOR, props);
    cluster
        .connect()
        .assertions()
        .assertConnectorAndExactlyNumTasksAreRunning(
            FlashbackConnectCluster.CONNECTOR, 2, "2 tasks run");
    // Everything readable when the connector started: minutes before start - lag.
    cutoff = Instant.now().minus(LAG).truncatedTo(ChronoUnit.MINUTES).minus(Duration.ofMinutes(1));

    keyConverter = testSideConverter(true);
    valueConverter = testSideConverter(false);
  }

  private static AvroConverter<Object> testSideConverter(boolean isKey) {
    AvroConverter<Object> converter = new AvroConverter<>();
    converter.configure(avroConverterSettings(), isKey);
    return converter;
  }

  @AfterAll
  void stop() {
    if (keyConverter != null) {
      keyConverter.close();
      valueConverter.close();
    }
    if (cluster != null) {
      cluster.close();
    }
  }

  @Test
  @Order(1)
  void minuteRowsReadBackAsTheConnectorsOwnStructs() throws Exception {
    List<SimMinuteRow> window =
        dataset
            .visibleMinuteRows(bucketIds(), minuteStart, cutoff.minusMillis(1), Instant.now())
            .toList();
    List<SimMinuteRow> clean =
        window.stream().filter(r -> simulator.malformedRows().minuteRow(r).isEmpty()).toList();
    Map<Struct, Struct> expected = new HashMap<>();
    for (SimMinuteRow row : clean) {
      SourceRecord record =
          MinuteStatsRecords.toRecord(
              Map.of(),
              Map.of(),
              MINUTES,
              new MinuteStat(
                  row.minute(),
                  row.bucketId(),
                  row.repoId(),
                  row.host(),
                  row.uplBytes(),
                  row.dwlBytes(),
                  row.sizeChange(),
                  (double) row.latencyMs()));
      expected.put((Struct) record.key(), (Struct) record.value());
    }
    assertThat(expected).as("clean minute rows in the window").hasSizeGreaterThan(500);

    List<AvroRecord> records =
        await(MINUTES, r -> minuteOf(r).isBefore(cutoff), expected.size(), false);

    assertThat(records.stream().map(r -> (Struct) r.key().value()).toList())
        .containsExactlyInAnyOrderElementsOf(expected.keySet());
    for (AvroRecord record : records) {
      assertSchemas(record, MinuteStatsSchemas.KEY_SCHEMA, MinuteStatsSchemas.VALUE_SCHEMA);
      assertThat(record.value().value()).isEqualTo(expected.get((Struct) record.key().value()));
      assertThat(record.timestamp()).isEqualTo(minuteOf(record).toEpochMilli());
    }
  }

  @Test
  @Order(1)
  void malformedRowsReachTheErrorTopicAsTheConnectorsOwnStructs() throws Exception {
    List<SimMinuteRow> brokenInWindow =
        dataset
            .visibleMinuteRows(bucketIds(), minuteStart, cutoff.minusMillis(1), Instant.now())
            .filter(r -> simulator.malformedRows().minuteRow(r).isPresent())
            .toList();
    assertThat(brokenInWindow).as("malformed rows the seed yields in the window").isNotEmpty();

    // Rows after the cutoff may add errors, so at least the window's.
    List<AvroRecord> records = await(ERRORS, r -> true, brokenInWindow.size(), false);

    for (AvroRecord record : records) {
      assertSchemas(record, MalformedRowSchemas.KEY_SCHEMA, MalformedRowSchemas.VALUE_SCHEMA);
      Struct value = (Struct) record.value().value();
      SourceRecord expected =
          MalformedRowRecords.toRecord(
              Map.of(),
              Map.of(),
              ERRORS,
              MinuteStatsRecords.STREAM,
              new RowProblem(
                  value.getString(MalformedRowSchemas.BUCKET_ID),
                  value.getString(MalformedRowSchemas.RAW_JSON),
                  value.getString(MalformedRowSchemas.ERROR)),
              Instant.ofEpochMilli(record.timestamp()));
      assertThat(record.key().value()).isEqualTo(expected.key());
      assertThat(value).isEqualTo(expected.value());
      assertThat(value.getString(MalformedRowSchemas.RAW_JSON)).startsWith("{");
      assertThat(value.getString(MalformedRowSchemas.BUCKET_ID)).isIn(nullOrBucketIds());
    }
    if (brokenInWindow.stream()
        .anyMatch(
            r ->
                simulator.malformedRows().minuteRow(r).orElseThrow()
                    == Malformation.MISSING_BUCKET_ID)) {
      // The optional key field: Avro's ["null", "string"] union carries a null back as null.
      assertThat(records)
          .anyMatch(
              r -> ((Struct) r.key().value()).getString(MalformedRowSchemas.BUCKET_ID) == null);
    }
  }

  @Test
  @Order(1)
  void nodeDaysReadBackAsTheConnectorsOwnStructs() throws Exception {
    Map<Struct, Struct> expected = new HashMap<>();
    for (String bucket : bucketIds()) {
      for (LocalDate day : List.of(firstDay, firstDay.plusDays(1))) {
        for (SimNodeStat stat : dataset.nodeStats(bucket, day)) {
          SourceRecord record =
              NodeDailyRecords.toRecord(
                  Map.of(),
                  Map.of(),
                  NODES,
                  new NodeDailyStat(
                      stat.bucketId(),
                      stat.day(),
                      stat.ip(),
                      stat.host(),
                      stat.percUptime(),
                      (double) stat.avgLatencyMs(),
                      stat.version(),
                      stat.nodeStatus(),
                      stat.lastUpdated(),
                      (double) stat.lastLatencyMs()));
          expected.put((Struct) record.key(), (Struct) record.value());
        }
      }
    }

    assertThat(expected).as("3 buckets, 2 days, 3 nodes").hasSize(18);

    List<AvroRecord> records = await(NODES, r -> true, expected.size(), true);

    assertThat(records.stream().map(r -> (Struct) r.key().value()).toList())
        .containsExactlyInAnyOrderElementsOf(expected.keySet());
    for (AvroRecord record : records) {
      assertSchemas(record, NodeDailySchemas.KEY_SCHEMA, NodeDailySchemas.VALUE_SCHEMA);
      Struct key = (Struct) record.key().value();
      assertThat(record.value().value()).isEqualTo(expected.get(key));
      assertThat(record.timestamp()).isEqualTo(((Date) key.get(NodeDailySchemas.DAY)).getTime());
    }
  }

  @Test
  @Order(1)
  void catalogEntriesReadBackAsTheConnectorsOwnStructs() throws Exception {
    List<AvroRecord> records = await(BUCKETS, r -> true, bucketIds().size(), true);

    assertThat(records).hasSize(bucketIds().size());
    for (AvroRecord record : records) {
      assertSchemas(record, BucketCatalogSchemas.KEY_SCHEMA, BucketCatalogSchemas.VALUE_SCHEMA);
      String id = ((Struct) record.key().value()).getString(BucketCatalogSchemas.BUCKET_ID);
      SimBucket bucket = dataset.bucket(id).orElseThrow();
      SourceRecord expected =
          BucketCatalogRecords.toRecord(
              Map.of(),
              Map.of(),
              BUCKETS,
              new Bucket(
                  bucket.id(),
                  bucket.name(),
                  bucket.storageType(),
                  bucket.bucket(),
                  bucket.endpoint(),
                  bucket.region(),
                  bucket.status(),
                  bucket.lastStatusAt(),
                  bucket.createdAt(),
                  bucket.workspaceId()),
              Instant.ofEpochMilli(record.timestamp()));
      assertThat(record.key().value()).isEqualTo(expected.key());
      assertThat(record.value().value()).isEqualTo(expected.value());
    }
  }

  /** Totals depend on when the API was asked: each snapshot must be one the simulator served. */
  @Test
  @Order(1)
  void totalsReadBackAsTheConnectorsOwnStructs() throws Exception {
    List<AvroRecord> records = await(TOTALS, r -> true, bucketIds().size(), false);

    assertThat(records)
        .extracting(r -> ((Struct) r.key().value()).getString(BucketTotalsSchemas.BUCKET_ID))
        .containsAll(bucketIds());
    for (AvroRecord record : records) {
      assertSchemas(record, BucketTotalsSchemas.KEY_SCHEMA, BucketTotalsSchemas.VALUE_SCHEMA);
      Struct key = (Struct) record.key().value();
      String bucket = key.getString(BucketTotalsSchemas.BUCKET_ID);
      Instant snapshot = ((Date) key.get(BucketTotalsSchemas.SNAPSHOT_TIME)).toInstant();
      List<Object> served = new ArrayList<>();
      for (LoggedRequest request : simulator.requests(SimulatorEndpoint.BUCKET_TOTALS)) {
        if (request.status() == 200
            && (request.bucketIds().isEmpty() || request.bucketIds().contains(bucket))) {
          SimTotals totals = dataset.totals(bucket, request.time());
          SourceRecord expected =
              BucketTotalsRecords.toRecord(
                  Map.of(),
                  Map.of(),
                  TOTALS,
                  new BucketTotals(
                      bucket,
                      totals.totalCount(),
                      totals.totalUploadBytes(),
                      totals.totalDownloadBytes(),
                      totals.totalSizeChange()),
                  snapshot);
          assertThat(record.key().value()).isEqualTo(expected.key());
          served.add(expected.value());
        }
      }
      assertThat(record.value().value()).isIn(served);
      assertThat(record.timestamp()).isEqualTo(snapshot.toEpochMilli());
    }
  }

  /**
   * Ten subjects, one version each, in Confluent's framing: every key and value of every topic is a
   * magic byte, the 4-byte id of its subject's schema, and Avro binary that plain Apache Avro reads
   * completely with that schema; every schema parses and is the connector schema in Avro form.
   */
  @Test
  @Order(2)
  void everySchemaIsRegisteredOnceAndEveryRecordIsConfluentFramedPlainAvro() throws Exception {
    Map<String, List<AvroRecord>> byTopic = new HashMap<>();
    for (String topic : SCHEMAS.keySet()) {
      byTopic.put(topic, await(topic, r -> true, 1, false));
    }
    AvroData avroData = new AvroData(new AvroDataConfig(Map.of()));
    assertThat(registry.artifactIds()).hasSize(10);
    for (Map.Entry<String, List<Schema>> entry : SCHEMAS.entrySet()) {
      String topic = entry.getKey();
      for (int i = 0; i < 2; i++) {
        Schema connectSchema = entry.getValue().get(i);
        String subject = topic + (i == 0 ? "-key" : "-value");
        List<InMemorySchemaRegistry.RegisteredSchema> versions = registry.versions(subject);
        assertThat(versions).as("versions of %s", subject).hasSize(1);
        org.apache.avro.Schema avro =
            new org.apache.avro.Schema.Parser().parse(versions.get(0).content());
        String simpleName =
            connectSchema.name().substring(connectSchema.name().lastIndexOf('.') + 1);
        assertThat(avro.getType()).isEqualTo(org.apache.avro.Schema.Type.RECORD);
        assertThat(avro.getNamespace()).isEqualTo("tech.flashback.connect");
        assertThat(avro.getName()).isEqualTo(simpleName);
        assertThat(avro.getObjectProp("connect.version")).isEqualTo(connectSchema.version());
        assertThat(avro.getProp("connect.doc")).isEqualTo(connectSchema.doc());
        assertThat(avro).isEqualTo(avroData.fromConnectSchema(connectSchema));

        long contentId = versions.get(0).contentId();
        for (AvroRecord record : byTopic.get(topic)) {
          byte[] bytes = i == 0 ? record.keyBytes() : record.valueBytes();
          assertThat(bytes).as("%s of a record on %s", subject, topic).isNotNull();
          ByteBuffer buffer = ByteBuffer.wrap(bytes);
          assertThat(buffer.get()).as("magic byte").isZero();
          assertThat((long) buffer.getInt()).as("schema id").isEqualTo(contentId);
          BinaryDecoder decoder =
              DecoderFactory.get().binaryDecoder(bytes, 5, bytes.length - 5, null);
          Object datum = new GenericDatumReader<>(avro).read(null, decoder);
          assertThat(datum).isNotNull();
          assertThat(decoder.isEnd()).as("whole payload read").isTrue();
        }
      }
    }
  }

  /** A bucket that goes away: under Avro its tombstone is still a null value, not an Avro null. */
  @Test
  @Order(3)
  void aRemovedBucketsTombstoneStaysAKafkaTombstone() throws Exception {
    await(BUCKETS, r -> true, bucketIds().size(), false);
    String removed = bucketIds().get(0);
    assertThat(simulator.removeBucket(removed)).isTrue();

    List<AvroRecord> tombstones = await(BUCKETS, r -> r.valueBytes() == null, 1, false);

    assertThat(tombstones).hasSize(1);
    AvroRecord tombstone = tombstones.get(0);
    assertThat(tombstone.key().value())
        .isEqualTo(
            BucketCatalogRecords.tombstone(Map.of(), Map.of(), BUCKETS, removed, Instant.EPOCH)
                .key());
    assertThat(tombstone.value()).isEqualTo(SchemaAndValue.NULL);
  }

  private List<String> bucketIds() {
    return dataset.buckets().stream().map(SimBucket::id).sorted().toList();
  }

  private List<String> nullOrBucketIds() {
    List<String> ids = new ArrayList<>(bucketIds());
    ids.add(null);
    return ids;
  }

  private static Instant minuteOf(AvroRecord record) {
    return ((Date) ((Struct) record.key().value()).get(MinuteStatsSchemas.MINUTE)).toInstant();
  }

  private static void assertSchemas(AvroRecord record, Schema keySchema, Schema valueSchema) {
    assertThat(record.key().schema()).isEqualTo(keySchema);
    assertThat(record.value().schema()).isEqualTo(valueSchema);
  }

  /**
   * Waits until the topic holds at least {@code count} records passing {@code filter} (then exactly
   * {@code count} when {@code exact}), decoded with the test's own Avro converters.
   */
  private List<AvroRecord> await(
      String topic, Predicate<AvroRecord> filter, int count, boolean exact) throws Exception {
    long deadline = System.nanoTime() + Duration.ofSeconds(60).toNanos();
    while (true) {
      List<AvroRecord> records = readAll(topic).stream().filter(filter).toList();
      if (records.size() >= count || System.nanoTime() > deadline) {
        assertThat(records)
            .as(
                () ->
                    "records on "
                        + topic
                        + "; connector status: "
                        + cluster.connect().connectorStatus(FlashbackConnectCluster.CONNECTOR))
            .hasSizeGreaterThanOrEqualTo(count);
        if (exact) {
          assertThat(records).as("records on %s", topic).hasSize(count);
        }
        return records;
      }
      Thread.sleep(500);
    }
  }

  private List<AvroRecord> readAll(String topic) throws Exception {
    try (Admin admin = cluster.connect().kafka().createAdminClient()) {
      if (!admin.listTopics().names().get().contains(topic)) {
        return List.of();
      }
    }
    List<AvroRecord> records = new ArrayList<>();
    for (ConsumerRecord<byte[], byte[]> raw :
        cluster.connect().kafka().consumeAll(Duration.ofSeconds(10).toMillis(), topic)) {
      records.add(
          new AvroRecord(
              raw.topic(),
              raw.timestamp(),
              raw.key(),
              raw.value(),
              keyConverter.toConnectData(raw.topic(), raw.key()),
              valueConverter.toConnectData(raw.topic(), raw.value())));
    }
    return records;
  }

  /** One record as a consumer sees it: the raw bytes and what the Avro converter makes of them. */
  private record AvroRecord(
      String topic,
      long timestamp,
      byte[] keyBytes,
      byte[] valueBytes,
      SchemaAndValue key,
      SchemaAndValue value) {}
}
