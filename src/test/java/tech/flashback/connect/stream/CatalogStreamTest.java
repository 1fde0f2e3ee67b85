package tech.flashback.connect.stream;

import static org.assertj.core.api.Assertions.assertThat;
import static tech.flashback.connect.stream.StreamTestSupport.key;
import static tech.flashback.connect.stream.StreamTestSupport.value;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.function.Predicate;
import org.apache.kafka.common.utils.MockTime;
import org.apache.kafka.connect.source.SourceRecord;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import tech.flashback.connect.client.OkHttpFlashbackApiClient;
import tech.flashback.connect.client.model.Bucket;
import tech.flashback.connect.config.MalformedRowPolicy;
import tech.flashback.connect.metrics.TaskMetrics;
import tech.flashback.connect.offset.CatalogState;
import tech.flashback.connect.offset.SourcePartition;
import tech.flashback.connect.simulator.FlashbackSimulator;

class CatalogStreamTest {

  private final MockTime time =
      new MockTime(0, Instant.parse("2024-02-01T12:00:00Z").toEpochMilli(), 0);
  private FlashbackSimulator simulator;
  private OkHttpFlashbackApiClient client;

  @BeforeEach
  void start() {
    simulator = FlashbackSimulator.builder().time(time).buckets(4).workspaces(2).start();
    client = StreamTestSupport.client(simulator, time);
  }

  @AfterEach
  void stop() {
    client.close();
    simulator.close();
  }

  private CatalogStream stream(CatalogState emitted, Predicate<Bucket> selection) {
    return new CatalogStream(
        new StreamContext(
            client,
            StreamTestSupport.malformedRows(MalformedRowPolicy.FAIL, TaskMetrics.detached()),
            new DeniedBuckets(300_000),
            TaskMetrics.detached()),
        new CatalogSettings("flashback.buckets", Duration.ofMinutes(5), null, selection),
        emitted);
  }

  private static String bucketOf(SourceRecord record) {
    return key(record).getString("bucket_id");
  }

  private List<String> bucketIds() {
    return simulator.dataset().buckets().stream().map(b -> b.id()).sorted().toList();
  }

  @Test
  void everyBucketIsEmittedOnceWithoutCredentialsAndUnchangedOnesNeverAgain() {
    CatalogStream stream = stream(CatalogState.empty(), b -> true);

    List<SourceRecord> first = stream.poll(time.milliseconds());
    List<SourceRecord> second = stream.poll(time.milliseconds() + 300_000);

    assertThat(first)
        .extracting(CatalogStreamTest::bucketOf)
        .containsExactlyElementsOf(bucketIds());
    assertThat(first)
        .allSatisfy(
            r -> {
              assertThat(r.sourcePartition()).isEqualTo(SourcePartition.catalog().toMap());
              assertThat(r.toString()).doesNotContain(simulator.dataset().credentialValues());
            });
    assertThat(second).isEmpty();
    assertThat(CatalogState.fromMap(first.get(3).sourceOffset())).isEqualTo(stream.emitted());
  }

  @Test
  void aBucketThatDisappearsGetsATombstoneAndANewOneARecord() {
    CatalogStream stream = stream(CatalogState.empty(), b -> true);
    stream.poll(time.milliseconds());
    String removed = bucketIds().get(1);
    simulator.removeBucket(removed);
    String added = simulator.addBucket();

    List<SourceRecord> changes = stream.poll(time.milliseconds() + 300_000);

    assertThat(changes)
        .extracting(CatalogStreamTest::bucketOf)
        .containsExactlyInAnyOrder(removed, added);
    SourceRecord tombstone =
        changes.stream().filter(r -> bucketOf(r).equals(removed)).findFirst().orElseThrow();
    assertThat(tombstone.value()).isNull();
    assertThat(tombstone.valueSchema()).isNull();
    assertThat(stream.emitted().fingerprints()).containsKey(added).doesNotContainKey(removed);
  }

  @Test
  void aBucketRemovedWhileTheConnectorWasDownStillGetsItsTombstone() {
    List<SourceRecord> first = stream(CatalogState.empty(), b -> true).poll(time.milliseconds());
    CatalogState stored = CatalogState.fromMap(first.get(first.size() - 1).sourceOffset());
    String removed = bucketIds().get(2);
    simulator.removeBucket(removed);

    List<SourceRecord> afterRestart = stream(stored, b -> true).poll(time.milliseconds());

    assertThat(afterRestart)
        .singleElement()
        .satisfies(
            r -> {
              assertThat(bucketOf(r)).isEqualTo(removed);
              assertThat(r.value()).isNull();
            });
  }

  @Test
  void aRestartAtAnyCatalogRecordNeitherRepeatsNorMissesAChange() {
    List<SourceRecord> reference =
        stream(CatalogState.empty(), b -> true).poll(time.milliseconds());

    for (int cut = 0; cut <= reference.size(); cut++) {
      CatalogState stored =
          cut == 0
              ? CatalogState.empty()
              : CatalogState.fromMap(reference.get(cut - 1).sourceOffset());
      List<String> combined = new ArrayList<>();
      reference.subList(0, cut).forEach(r -> combined.add(bucketOf(r)));
      stream(stored, b -> true).poll(time.milliseconds()).forEach(r -> combined.add(bucketOf(r)));
      assertThat(combined).as("cut at %d", cut).containsExactlyElementsOf(bucketIds());
    }
  }

  @Test
  void onlySelectedBucketsAreInTheCatalog() {
    String kept = bucketIds().get(0);
    CatalogStream stream = stream(CatalogState.empty(), b -> b.id().equals(kept));

    List<SourceRecord> records = stream.poll(time.milliseconds());

    assertThat(records).extracting(CatalogStreamTest::bucketOf).containsExactly(kept);
    assertThat(value(records.get(0)).getString("name"))
        .isEqualTo(
            simulator.dataset().buckets().stream()
                .filter(b -> b.id().equals(kept))
                .findFirst()
                .orElseThrow()
                .name());
  }
}
