package tech.flashback.connect.it;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.entry;

import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.stream.Collectors;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.OffsetSpec;
import org.apache.kafka.clients.consumer.OffsetAndMetadata;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.utils.MockTime;
import org.apache.kafka.connect.data.Struct;
import org.apache.kafka.connect.json.JsonConverter;
import org.apache.kafka.connect.runtime.rest.entities.ConnectorStateInfo;
import org.apache.kafka.connect.transforms.RegexRouter;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.TestMethodOrder;
import tech.flashback.connect.it.FlashbackConnectCluster.DecodedRecord;
import tech.flashback.connect.simulator.FlashbackSimulator;
import tech.flashback.connect.simulator.SimBucket;
import tech.flashback.connect.simulator.SimMinuteRow;
import tech.flashback.connect.simulator.SimNodeStat;
import tech.flashback.connect.simulator.SimTotals;
import tech.flashback.connect.simulator.SyntheticDataset;

/**
 * The warehouse path: the connector's four topics into a real PostgreSQL through Debezium's JDBC
 * sink connector, loaded from a {@code plugin.path} folder in plugin isolation as a real worker
 * would, with record keys as primary keys, upserts and deletes.
 *
 * <p>The simulator's clock is frozen a few minutes in the past, so every stream has a fixed,
 * predictable content: all minutes of the backfill hour, the closed days since the node-daily
 * backfill start, one totals snapshot per bucket (daily slots) and the catalog. The tests run in
 * order on one cluster: the first load, a replay of every record, then a bucket's removal.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class JdbcSinkPostgresIT {

  private static final String SINK = "warehouse";
  private static final Duration WAIT = Duration.ofSeconds(120);
  private static final int BUCKETS = 6;
  private static final int NODES = 3;

  /** Topic to table: dots become underscores (the sink's default), hyphens too (RegexRouter). */
  private static final Map<String, String> TABLES =
      orderedMap(
          "flashback.buckets", "flashback_buckets",
          "flashback.bucket-totals", "flashback_bucket_totals",
          "flashback.node-daily", "flashback_node_daily",
          "flashback.minute", "flashback_minute");

  private ThrowawayPostgres postgres;
  private FlashbackConnectCluster cluster;
  private SyntheticDataset dataset;
  private Instant frozenNow;
  private Instant minuteStart;
  private LocalDate firstDay;
  private LocalDate startDay;
  private Map<String, String> sourceProps;

  @BeforeAll
  void startPostgresClusterAndConnectors() throws Exception {
    postgres = ThrowawayPostgres.start();

    Instant now = Instant.now();
    startDay = LocalDate.ofInstant(now, ZoneOffset.UTC);
    firstDay = startDay.minusDays(2);
    // Frozen well behind the connector's lag, so the whole backfill hour is served at once.
    frozenNow = now.minus(Duration.ofMinutes(5)).truncatedTo(ChronoUnit.MINUTES);
    minuteStart = frozenNow.minus(Duration.ofHours(1));
    FlashbackSimulator simulator =
        FlashbackSimulator.builder()
            .time(new MockTime(0, frozenNow.toEpochMilli(), 0))
            .buckets(BUCKETS)
            .workspaces(2)
            .reposPerBucket(2)
            .hostsPerBucket(2)
            .nodesPerBucket(NODES)
            .historyStart(firstDay.atStartOfDay().toInstant(ZoneOffset.UTC))
            .lateFraction(0)
            .build();
    dataset = simulator.dataset();

    cluster =
        FlashbackConnectCluster.start(
            simulator,
            1,
            // The harness's plugin.discovery=service_load finds the sink: its jar has a
            // META-INF/services manifest (hybrid_warn confirms all plugins have one).
            Map.of("plugin.path", sinkPluginPath().toString()));
    sourceProps =
        cluster.connectorProps(
            "tasks.max", "2",
            "flashback.buckets.interval.ms", "1000",
            "flashback.bucket.totals.interval.ms", Long.toString(Duration.ofDays(1).toMillis()),
            "flashback.minute.backfill.start", minuteStart.toString(),
            "flashback.minute.lag.ms", "60000",
            "flashback.minute.poll.interval.ms", "5000",
            "flashback.node.daily.backfill.start", firstDay.toString(),
            "flashback.node.daily.settle.delay.ms", "0");
    cluster.connect().configureConnector(FlashbackConnectCluster.CONNECTOR, sourceProps);
    cluster.connect().configureConnector(SINK, sinkProps());
    cluster
        .connect()
        .assertions()
        .assertConnectorAndExactlyNumTasksAreRunning(SINK, 1, "the JDBC sink runs");
    cluster
        .connect()
        .assertions()
        .assertConnectorAndExactlyNumTasksAreRunning(
            FlashbackConnectCluster.CONNECTOR, 2, "the source runs");

    awaitSinkCaughtUp(expectedFirstLoad());
  }

  @AfterAll
  void stop() {
    try {
      if (cluster != null) {
        cluster.close();
      }
    } finally {
      if (postgres != null) {
        postgres.close();
      }
    }
  }

  @Test
  @Order(1)
  void eachStreamLandsAsATableWithWarehouseTypesAndTheRecordKeyAsPrimaryKey() throws Exception {
    try (Connection db = postgres.connect()) {
      assertThat(tables(db)).containsExactlyInAnyOrderElementsOf(TABLES.values());

      assertThat(columns(db, "flashback_buckets"))
          .containsOnly(
              entry("bucket_id", "text"),
              entry("name", "text"),
              entry("storage_type", "text"),
              entry("bucket_name", "text"),
              entry("endpoint", "text"),
              entry("region", "text"),
              entry("status", "text"),
              entry("last_status_at", "timestamp without time zone"),
              entry("created_at", "timestamp without time zone"),
              entry("workspace_id", "text"));
      assertThat(columns(db, "flashback_bucket_totals"))
          .containsOnly(
              entry("bucket_id", "text"),
              entry("snapshot_time", "timestamp without time zone"),
              entry("total_count", "bigint"),
              entry("total_upload_bytes", "bigint"),
              entry("total_download_bytes", "bigint"),
              entry("total_size_change", "bigint"));
      assertThat(columns(db, "flashback_node_daily"))
          .containsOnly(
              entry("bucket_id", "text"),
              entry("day", "date"),
              entry("node_host", "text"),
              entry("node_ip", "text"),
              entry("uptime_percent", "double precision"),
              entry("avg_latency_ms", "double precision"),
              entry("version", "text"),
              entry("node_status", "text"),
              entry("last_updated", "timestamp without time zone"),
              entry("last_latency_ms", "double precision"));
      assertThat(columns(db, "flashback_minute"))
          .containsOnly(
              entry("minute", "timestamp without time zone"),
              entry("bucket_id", "text"),
              entry("repo_id", "text"),
              entry("host", "text"),
              entry("upload_bytes", "bigint"),
              entry("download_bytes", "bigint"),
              entry("size_change", "bigint"),
              entry("latency_ms", "double precision"));

      assertThat(primaryKey(db, "flashback_buckets")).containsExactly("bucket_id");
      assertThat(primaryKey(db, "flashback_bucket_totals"))
          .containsExactly("bucket_id", "snapshot_time");
      assertThat(primaryKey(db, "flashback_node_daily"))
          .containsExactly("bucket_id", "day", "node_host", "node_ip");
      assertThat(primaryKey(db, "flashback_minute"))
          .containsExactly("minute", "bucket_id", "repo_id", "host");
    }
  }

  @Test
  @Order(2)
  void aReplayOfEveryRecordUpsertsToOneRowPerKey() throws Exception {
    // Reset the source's offsets through the offsets REST API: resumed, it writes every record
    // a second time with the same keys, as a replay after a crash would.
    Map<String, Long> firstLoad = endOffsets();
    cluster.connect().stopConnector(FlashbackConnectCluster.CONNECTOR);
    cluster
        .connect()
        .assertions()
        .assertConnectorIsStopped(FlashbackConnectCluster.CONNECTOR, "the source stops");
    cluster.connect().resetConnectorOffsets(FlashbackConnectCluster.CONNECTOR);
    cluster.connect().resumeConnector(FlashbackConnectCluster.CONNECTOR);
    cluster
        .connect()
        .assertions()
        .assertConnectorAndExactlyNumTasksAreRunning(
            FlashbackConnectCluster.CONNECTOR, 2, "the source runs again from reset offsets");
    Map<String, Long> twice = new HashMap<>();
    firstLoad.forEach((topic, count) -> twice.put(topic, 2 * count));
    awaitSinkCaughtUp(twice);

    boolean sameUtcDay = LocalDate.now(ZoneOffset.UTC).equals(startDay);
    Map<String, Set<String>> keys = new HashMap<>();
    for (String topic : TABLES.keySet()) {
      List<DecodedRecord> records = cluster.readAll(Duration.ofSeconds(30), topic);
      Set<String> distinct =
          records.stream().map(r -> r.key().value().toString()).collect(Collectors.toSet());
      keys.put(topic, distinct);
      // Daily slots and closed days can add keys, not repeat them, when UTC midnight passed.
      if (sameUtcDay || topic.equals("flashback.buckets") || topic.equals("flashback.minute")) {
        assertThat(records.size()).as("records on " + topic).isEqualTo(2 * distinct.size());
      }
    }

    try (Connection db = postgres.connect()) {
      for (Map.Entry<String, String> table : TABLES.entrySet()) {
        assertThat(count(db, table.getValue()))
            .as("rows of " + table.getValue() + ": one per distinct key on " + table.getKey())
            .isEqualTo(keys.get(table.getKey()).size());
      }
      assertBucketsTableIsTheCatalog(db, bucketIds());
      assertTotalsTableIsTheDataset(db);
      assertNodeDailyTableIsTheDataset(db);
      assertMinuteTableIsTheDataset(db);
    }
  }

  @Test
  @Order(3)
  void aBucketsTombstoneDeletesItsRow() throws Exception {
    String removed = bucketIds().get(2);
    assertThat(cluster.simulator().removeBucket(removed)).isTrue();
    List<String> remaining = new ArrayList<>(bucketIds());
    remaining.remove(removed);

    long deadline = System.nanoTime() + WAIT.toNanos();
    try (Connection db = postgres.connect()) {
      while (idsIn(db, "flashback_buckets").contains(removed) && System.nanoTime() < deadline) {
        Thread.sleep(500);
      }
      assertBucketsTableIsTheCatalog(db, remaining);
      // Its history stays: only the catalog row goes.
      assertThat(idsIn(db, "flashback_minute")).contains(removed);
    }
    List<DecodedRecord> tombstones =
        cluster.readAll(Duration.ofSeconds(30), "flashback.buckets").stream()
            .filter(r -> r.value().value() == null)
            .toList();
    assertThat(tombstones)
        .extracting(r -> ((Struct) r.key().value()).getString("bucket_id"))
        .containsExactly(removed);
  }

  private Map<String, String> sinkProps() {
    Map<String, String> props = new HashMap<>();
    props.put("connector.class", "io.debezium.connector.jdbc.JdbcSinkConnector");
    props.put("tasks.max", "1");
    props.put("topics", String.join(",", TABLES.keySet()));
    props.put("key.converter", JsonConverter.class.getName());
    props.put("value.converter", JsonConverter.class.getName());
    props.put("key.converter.schemas.enable", "true");
    props.put("value.converter.schemas.enable", "true");
    props.put("connection.url", postgres.jdbcUrl());
    props.put("connection.username", ThrowawayPostgres.USER);
    props.put("connection.password", "unused-trust-auth");
    props.put("insert.mode", "upsert");
    props.put("primary.key.mode", "record_key");
    props.put("delete.enabled", "true");
    props.put("schema.evolution", "basic");
    // The sink turns dots into underscores; hyphens (bucket-totals, node-daily) are left alone and
    // would need quoting in every query, so the topic is renamed first.
    props.put("transforms", "hyphens");
    props.put("transforms.hyphens.type", RegexRouter.class.getName());
    props.put("transforms.hyphens.regex", "([^-]*)-(.*)");
    props.put("transforms.hyphens.replacement", "$1_$2");
    return props;
  }

  private static Path sinkPluginPath() {
    String configured = System.getProperty("jdbc.sink.plugin.path");
    assertThat(configured).as("-Djdbc.sink.plugin.path (set by the pom)").isNotBlank();
    Path path = Path.of(configured);
    assertThat(Files.isDirectory(path.resolve("debezium-connector-jdbc")))
        .as(path + " holds the unpacked Debezium JDBC sink (mvn verify unpacks it)")
        .isTrue();
    return path;
  }

  /** What the first run writes, topic by topic, computed from the simulator's seed. */
  private Map<String, Long> expectedFirstLoad() {
    return Map.of(
        "flashback.buckets", (long) BUCKETS,
        "flashback.bucket-totals", (long) BUCKETS,
        "flashback.node-daily", (long) BUCKETS * NODES * 2,
        "flashback.minute", (long) expectedMinuteRows().size());
  }

  private List<SimMinuteRow> expectedMinuteRows() {
    return dataset.visibleMinuteRows(bucketIds(), minuteStart, frozenNow, frozenNow).toList();
  }

  private List<String> bucketIds() {
    return dataset.buckets().stream().map(SimBucket::id).sorted().toList();
  }

  /**
   * Waits until each topic holds at least the given number of records and the sink has committed
   * every record on them: its rows are then in PostgreSQL.
   */
  private void awaitSinkCaughtUp(Map<String, Long> atLeast) throws Exception {
    long deadline = System.nanoTime() + WAIT.toNanos();
    String state = "";
    try (Admin admin = cluster.connect().kafka().createAdminClient()) {
      while (System.nanoTime() < deadline) {
        Map<TopicPartition, Long> ends = endOffsetsByPartition(admin);
        Map<TopicPartition, OffsetAndMetadata> committed =
            admin.listConsumerGroupOffsets("connect-" + SINK).partitionsToOffsetAndMetadata().get();
        boolean enough =
            atLeast.entrySet().stream().allMatch(e -> sumFor(ends, e.getKey()) >= e.getValue());
        boolean consumed =
            ends.entrySet().stream()
                .allMatch(
                    e -> {
                      OffsetAndMetadata c = committed.get(e.getKey());
                      return (c == null ? 0 : c.offset()) >= e.getValue();
                    });
        if (enough && consumed) {
          return;
        }
        assertThat(status(SINK)).as("the JDBC sink").doesNotContain("FAILED");
        state = "end offsets " + ends + ", sink committed " + committed;
        Thread.sleep(500);
      }
    }
    throw new AssertionError(
        "The sink did not catch up with "
            + atLeast
            + " within "
            + WAIT
            + ": "
            + state
            + "\nsink: "
            + status(SINK)
            + "\nsource: "
            + status(FlashbackConnectCluster.CONNECTOR));
  }

  /** A connector's state and its tasks' states and failure traces, for failure messages. */
  private String status(String connector) {
    try {
      ConnectorStateInfo info = cluster.connect().connectorStatus(connector);
      return info.connector().state()
          + " "
          + info.tasks().stream()
              .map(t -> t.id() + "=" + t.state() + (t.trace() == null ? "" : " " + t.trace()))
              .toList();
    } catch (RuntimeException e) {
      return e.getMessage();
    }
  }

  private Map<String, Long> endOffsets() throws Exception {
    try (Admin admin = cluster.connect().kafka().createAdminClient()) {
      Map<TopicPartition, Long> ends = endOffsetsByPartition(admin);
      Map<String, Long> byTopic = new HashMap<>();
      for (String topic : TABLES.keySet()) {
        byTopic.put(topic, sumFor(ends, topic));
      }
      return byTopic;
    }
  }

  private static Map<TopicPartition, Long> endOffsetsByPartition(Admin admin) throws Exception {
    Set<String> existing = admin.listTopics().names().get();
    List<String> topics = TABLES.keySet().stream().filter(existing::contains).toList();
    Map<TopicPartition, OffsetSpec> latest = new HashMap<>();
    admin
        .describeTopics(topics)
        .allTopicNames()
        .get()
        .forEach(
            (topic, description) ->
                description
                    .partitions()
                    .forEach(
                        p ->
                            latest.put(
                                new TopicPartition(topic, p.partition()), OffsetSpec.latest())));
    Map<TopicPartition, Long> ends = new HashMap<>();
    admin
        .listOffsets(latest)
        .all()
        .get()
        .forEach((partition, info) -> ends.put(partition, info.offset()));
    return ends;
  }

  private static long sumFor(Map<TopicPartition, Long> offsets, String topic) {
    return offsets.entrySet().stream()
        .filter(e -> e.getKey().topic().equals(topic))
        .mapToLong(Map.Entry::getValue)
        .sum();
  }

  private void assertBucketsTableIsTheCatalog(Connection db, List<String> ids) throws SQLException {
    Set<String> actual = new HashSet<>();
    try (Statement st = db.createStatement();
        ResultSet rs =
            st.executeQuery(
                "SELECT bucket_id, name, workspace_id, "
                    + epochMillis("created_at")
                    + " FROM flashback_buckets")) {
      while (rs.next()) {
        actual.add(
            rs.getString(1) + "|" + rs.getString(2) + "|" + rs.getString(3) + "|" + rs.getLong(4));
      }
    }
    Set<String> expected = new HashSet<>();
    for (String id : ids) {
      SimBucket b = dataset.bucket(id).orElseThrow();
      expected.add(
          b.id() + "|" + b.name() + "|" + b.workspaceId() + "|" + b.createdAt().toEpochMilli());
    }
    assertThat(actual).as("flashback_buckets").isEqualTo(expected);
  }

  private void assertTotalsTableIsTheDataset(Connection db) throws SQLException {
    Set<String> actual = new HashSet<>();
    Set<Long> slots = new HashSet<>();
    try (Statement st = db.createStatement();
        ResultSet rs =
            st.executeQuery(
                "SELECT bucket_id, "
                    + epochMillis("snapshot_time")
                    + ", total_count, total_upload_bytes, total_download_bytes, total_size_change"
                    + " FROM flashback_bucket_totals")) {
      while (rs.next()) {
        slots.add(rs.getLong(2));
        actual.add(
            rs.getString(1)
                + "|"
                + rs.getLong(3)
                + "|"
                + rs.getLong(4)
                + "|"
                + rs.getLong(5)
                + "|"
                + rs.getLong(6));
      }
    }
    long day = Duration.ofDays(1).toMillis();
    assertThat(slots).isNotEmpty().allMatch(slot -> slot % day == 0, "a UTC midnight");
    Set<String> expected = new HashSet<>();
    for (String id : bucketIds()) {
      SimTotals t = dataset.totals(id, frozenNow);
      expected.add(
          id
              + "|"
              + t.totalCount()
              + "|"
              + t.totalUploadBytes()
              + "|"
              + t.totalDownloadBytes()
              + "|"
              + t.totalSizeChange());
    }
    // The simulator's clock is frozen, so every slot has the same totals.
    assertThat(actual).as("flashback_bucket_totals").isEqualTo(expected);
    assertThat(count(db, "flashback_bucket_totals")).isEqualTo(BUCKETS * slots.size());
  }

  private void assertNodeDailyTableIsTheDataset(Connection db) throws SQLException {
    Set<String> actual = new HashSet<>();
    Set<LocalDate> days = new HashSet<>();
    try (Statement st = db.createStatement();
        ResultSet rs =
            st.executeQuery(
                "SELECT bucket_id, day, node_host, node_ip, uptime_percent, avg_latency_ms"
                    + " FROM flashback_node_daily")) {
      while (rs.next()) {
        LocalDate day = rs.getObject(2, LocalDate.class);
        days.add(day);
        actual.add(
            rs.getString(1)
                + "|"
                + day
                + "|"
                + rs.getString(3)
                + "|"
                + rs.getString(4)
                + "|"
                + rs.getDouble(5)
                + "|"
                + (long) rs.getDouble(6));
      }
    }
    // The closed days since the backfill start; one more if UTC midnight passed meanwhile.
    assertThat(days)
        .contains(firstDay, firstDay.plusDays(1))
        .isSubsetOf(firstDay, firstDay.plusDays(1), firstDay.plusDays(2));
    Set<String> expected = new HashSet<>();
    for (String id : bucketIds()) {
      for (LocalDate day : days) {
        for (SimNodeStat s : dataset.nodeStats(id, day)) {
          expected.add(
              id
                  + "|"
                  + day
                  + "|"
                  + s.host()
                  + "|"
                  + s.ip()
                  + "|"
                  + s.percUptime()
                  + "|"
                  + s.avgLatencyMs());
        }
      }
    }
    assertThat(actual).as("flashback_node_daily").isEqualTo(expected);
  }

  private void assertMinuteTableIsTheDataset(Connection db) throws SQLException {
    Set<String> actual = new HashSet<>();
    try (Statement st = db.createStatement();
        ResultSet rs =
            st.executeQuery(
                "SELECT "
                    + epochMillis("minute")
                    + ", bucket_id, repo_id, host, upload_bytes, download_bytes, size_change,"
                    + " latency_ms FROM flashback_minute")) {
      while (rs.next()) {
        actual.add(
            Instant.ofEpochMilli(rs.getLong(1))
                + "|"
                + rs.getString(2)
                + "|"
                + rs.getString(3)
                + "|"
                + rs.getString(4)
                + "|"
                + rs.getLong(5)
                + "|"
                + rs.getLong(6)
                + "|"
                + rs.getLong(7)
                + "|"
                + (long) rs.getDouble(8));
      }
    }
    Set<String> expected =
        expectedMinuteRows().stream()
            .map(
                r ->
                    r.minute()
                        + "|"
                        + r.bucketId()
                        + "|"
                        + r.repoId()
                        + "|"
                        + r.host()
                        + "|"
                        + r.uplBytes()
                        + "|"
                        + r.dwlBytes()
                        + "|"
                        + r.sizeChange()
                        + "|"
                        + r.latencyMs())
            .collect(Collectors.toSet());
    assertThat(actual).as("flashback_minute").hasSize(expected.size()).isEqualTo(expected);
  }

  /** Epoch milliseconds of a timestamp column, read as UTC whatever its exact type. */
  private static String epochMillis(String column) {
    return "(EXTRACT(EPOCH FROM " + column + ") * 1000)::bigint";
  }

  private static Set<String> tables(Connection db) throws SQLException {
    return queryStrings(
        db, "SELECT table_name FROM information_schema.tables WHERE table_schema = 'public'");
  }

  /** Column name to {@code information_schema} data type. */
  private static Map<String, String> columns(Connection db, String table) throws SQLException {
    Map<String, String> columns = new LinkedHashMap<>();
    try (PreparedStatement st =
        db.prepareStatement(
            "SELECT column_name, data_type FROM information_schema.columns"
                + " WHERE table_schema = 'public' AND table_name = ? ORDER BY ordinal_position")) {
      st.setString(1, table);
      try (ResultSet rs = st.executeQuery()) {
        while (rs.next()) {
          columns.put(rs.getString(1), rs.getString(2));
        }
      }
    }
    return columns;
  }

  private static List<String> primaryKey(Connection db, String table) throws SQLException {
    List<String> columns = new ArrayList<>();
    try (PreparedStatement st =
        db.prepareStatement(
            "SELECT k.column_name FROM information_schema.table_constraints c"
                + " JOIN information_schema.key_column_usage k"
                + " ON k.constraint_name = c.constraint_name AND k.table_name = c.table_name"
                + " WHERE c.table_schema = 'public' AND c.table_name = ?"
                + " AND c.constraint_type = 'PRIMARY KEY' ORDER BY k.ordinal_position")) {
      st.setString(1, table);
      try (ResultSet rs = st.executeQuery()) {
        while (rs.next()) {
          columns.add(rs.getString(1));
        }
      }
    }
    return columns;
  }

  private static long count(Connection db, String table) throws SQLException {
    try (Statement st = db.createStatement();
        ResultSet rs = st.executeQuery("SELECT count(*) FROM " + table)) {
      rs.next();
      return rs.getLong(1);
    }
  }

  private static Set<String> idsIn(Connection db, String table) throws SQLException {
    return queryStrings(db, "SELECT DISTINCT bucket_id FROM " + table);
  }

  private static Set<String> queryStrings(Connection db, String sql) throws SQLException {
    Set<String> values = new HashSet<>();
    try (Statement st = db.createStatement();
        ResultSet rs = st.executeQuery(sql)) {
      while (rs.next()) {
        values.add(rs.getString(1));
      }
    }
    return values;
  }

  private static Map<String, String> orderedMap(String... pairs) {
    Map<String, String> map = new LinkedHashMap<>();
    for (int i = 0; i < pairs.length; i += 2) {
      map.put(pairs[i], pairs[i + 1]);
    }
    return map;
  }
}
