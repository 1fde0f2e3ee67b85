package tech.flashback.connect.it;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.time.Instant;
import java.util.Arrays;
import java.util.Date;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.concurrent.Callable;
import java.util.function.Predicate;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.connect.data.SchemaAndValue;
import org.apache.kafka.connect.data.Struct;
import org.apache.kafka.connect.runtime.rest.entities.ConnectorOffset;
import org.apache.kafka.connect.runtime.rest.entities.TaskInfo;
import org.apache.kafka.connect.util.clusters.EmbeddedConnectCluster;
import tech.flashback.connect.it.FlashbackConnectCluster.DecodedRecord;
import tech.flashback.connect.simulator.FlashbackSimulator;
import tech.flashback.connect.simulator.LoggedRequest;
import tech.flashback.connect.simulator.SimMinuteRow;
import tech.flashback.connect.simulator.SimulatorEndpoint;

/** Waiting, reading and request-log helpers shared by the operations integration tests. */
final class OpsSupport {

  /** Generous: two cores are shared with other engineers' clusters. */
  static final Duration DEADLINE = Duration.ofSeconds(90);

  private static final Duration READ_TIMEOUT = Duration.ofSeconds(10);

  private OpsSupport() {}

  /** Polls {@code probe} until {@code done} holds for its value, then returns that value. */
  static <T> T await(String what, Callable<T> probe, Predicate<T> done) throws Exception {
    return await(DEADLINE, what, probe, done);
  }

  static <T> T await(Duration timeout, String what, Callable<T> probe, Predicate<T> done)
      throws Exception {
    long deadline = System.nanoTime() + timeout.toNanos();
    T value = null;
    Exception last = null;
    while (System.nanoTime() < deadline) {
      try {
        value = probe.call();
        last = null;
        if (done.test(value)) {
          return value;
        }
      } catch (Exception e) {
        last = e;
      }
      Thread.sleep(300);
    }
    String shown = String.valueOf(value);
    if (shown.length() > 2_000) {
      shown = shown.substring(0, 2_000) + "...";
    }
    throw new AssertionError(
        "Timed out after " + timeout.toSeconds() + " s waiting for " + what + "; last: " + shown,
        last);
  }

  /** Every record on {@code topic} passing {@code filter}, once at least {@code count} arrived. */
  static List<DecodedRecord> awaitRecords(
      FlashbackConnectCluster cluster,
      String topic,
      Predicate<DecodedRecord> filter,
      int count,
      String what)
      throws Exception {
    return await(
        what + " (" + count + " records on " + topic + ")",
        () -> read(cluster, topic).stream().filter(filter).toList(),
        records -> records.size() >= count);
  }

  /**
   * Every record now on those of the topics that exist, decoded. Like {@code readAllIfPresent}, but
   * closes its admin client: tests poll this several times a second.
   */
  static List<DecodedRecord> read(FlashbackConnectCluster cluster, String... topics)
      throws Exception {
    Set<String> existing;
    try (Admin admin = cluster.connect().kafka().createAdminClient()) {
      existing = admin.listTopics().names().get();
    }
    String[] present = Arrays.stream(topics).filter(existing::contains).toArray(String[]::new);
    return present.length == 0 ? List.of() : cluster.readAll(READ_TIMEOUT, present);
  }

  static Struct struct(SchemaAndValue value) {
    return (Struct) value.value();
  }

  /** The minute of a minute-stream record's key. */
  static Instant minuteOf(DecodedRecord record) {
    return ((Date) struct(record.key()).get("minute")).toInstant();
  }

  static String bucketOf(DecodedRecord record) {
    return struct(record.key()).getString("bucket_id");
  }

  /** A minute row's identity as both the dataset and a record key give it. */
  static String rowKey(Instant minute, String bucket, String repo, String host) {
    return minute + "|" + bucket + "|" + repo + "|" + host;
  }

  static String rowKey(SimMinuteRow row) {
    return rowKey(row.minute(), row.bucketId(), row.repoId(), row.host());
  }

  static String rowKey(DecodedRecord record) {
    Struct key = struct(record.key());
    return rowKey(
        minuteOf(record),
        key.getString("bucket_id"),
        key.getString("repo_id"),
        key.getString("host"));
  }

  /** The buckets every task is assigned, per task, in task order. */
  static List<Set<String>> taskBuckets(EmbeddedConnectCluster connect, String connector) {
    return connect.taskConfigs(connector).stream()
        .sorted((a, b) -> Integer.compare(a.id().task(), b.id().task()))
        .map(OpsSupport::bucketsOf)
        .toList();
  }

  static Set<String> bucketsOf(TaskInfo task) {
    String ids = task.config().getOrDefault("flashback.task.bucket.ids", "");
    Set<String> buckets = new TreeSet<>();
    Arrays.stream(ids.split(",")).filter(s -> !s.isEmpty()).forEach(buckets::add);
    return buckets;
  }

  /** Requests to {@code endpoint} that arrived at or after {@code since} (simulator clock). */
  static List<LoggedRequest> requestsSince(
      FlashbackSimulator simulator, SimulatorEndpoint endpoint, Instant since) {
    return simulator.requests(endpoint).stream().filter(r -> !r.time().isBefore(since)).toList();
  }

  /** Whether a request names the bucket: in its bucketId list, or in a node-daily path. */
  static boolean names(LoggedRequest request, String bucketId) {
    return request.bucketIds().contains(bucketId)
        || request.endpoint() == SimulatorEndpoint.NODE_DAILY
            && request.path().equals("/bucket/" + bucketId + "/stats");
  }

  /** The offset the offsets REST API shows for one partition, or null. */
  static Map<String, ?> offsetOf(List<ConnectorOffset> offsets, Map<String, ?> partition) {
    return offsets.stream()
        .filter(o -> o.partition().equals(partition))
        .map(ConnectorOffset::offset)
        .findFirst()
        .orElse(null);
  }

  static void assertNoneContains(String where, String text, List<String> secrets) {
    for (String secret : secrets) {
      assertThat(text).as(where + " must not contain a secret").doesNotContain(secret);
    }
  }
}
