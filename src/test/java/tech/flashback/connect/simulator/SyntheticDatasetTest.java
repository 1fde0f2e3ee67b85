package tech.flashback.connect.simulator;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.util.List;
import java.util.Set;
import java.util.stream.Collectors;
import java.util.stream.IntStream;
import org.junit.jupiter.api.Test;

class SyntheticDatasetTest {

  private static final Instant HISTORY_START = Instant.parse("2024-01-31T12:00:00Z");

  private static DatasetConfig config(long seed, int buckets) {
    return new DatasetConfig(
        seed, buckets, 2, 2, 2, 3, HISTORY_START, 0.1, Duration.ofMinutes(2), false);
  }

  private static SyntheticDataset dataset(long seed) {
    return new SyntheticDataset(config(seed, 5));
  }

  @Test
  void sameSeedGivesIdenticalBucketsRowsAndNodeStats() {
    SyntheticDataset a = dataset(42);
    SyntheticDataset b = dataset(42);
    assertThat(a.buckets()).isEqualTo(b.buckets());
    String id = a.buckets().get(0).id();
    Instant to = HISTORY_START.plus(Duration.ofHours(1));
    assertThat(a.minuteRows(id, HISTORY_START, to)).isEqualTo(b.minuteRows(id, HISTORY_START, to));
    LocalDate day = LocalDate.parse("2024-02-01");
    assertThat(a.nodeStats(id, day)).isEqualTo(b.nodeStats(id, day));
  }

  @Test
  void differentSeedGivesDifferentIdsAndValues() {
    SyntheticDataset a = dataset(42);
    SyntheticDataset b = dataset(43);
    assertThat(a.buckets().get(0).id()).isNotEqualTo(b.buckets().get(0).id());
    assertThat(a.credentialValues()).doesNotContainAnyElementsOf(b.credentialValues());
    Instant to = HISTORY_START.plus(Duration.ofMinutes(10));
    List<Long> uploadsA =
        a.minuteRows(a.buckets().get(0).id(), HISTORY_START, to).stream()
            .map(SimMinuteRow::uplBytes)
            .toList();
    List<Long> uploadsB =
        b.minuteRows(b.buckets().get(0).id(), HISTORY_START, to).stream()
            .map(SimMinuteRow::uplBytes)
            .toList();
    assertThat(uploadsA).isNotEqualTo(uploadsB);
  }

  @Test
  void bucketsSpreadOverWorkspacesWithDistinctiveFakeCredentials() {
    SyntheticDataset data = dataset(42);
    assertThat(data.buckets()).hasSize(5);
    assertThat(data.buckets().stream().map(SimBucket::workspaceId).distinct())
        .containsExactlyInAnyOrderElementsOf(data.workspaceIds());
    assertThat(data.buckets(data.workspaceIds().get(0))).hasSize(3);
    assertThat(data.buckets())
        .allSatisfy(
            b -> {
              assertThat(b.key()).startsWith("SIMKEY").hasSize(22);
              assertThat(b.accessKeySecret()).startsWith("simsecret-").hasSize(42);
              assertThat(b.id()).matches("[0-9a-f]{8}-[0-9a-f]{4}-4[0-9a-f]{3}-[89ab].{3}-.{12}");
              assertThat(b.createdAt()).isBefore(HISTORY_START);
            });
    assertThat(data.credentialValues()).hasSize(10).doesNotHaveDuplicates();
  }

  @Test
  void minuteRowsCoverEveryMinuteBucketRepoAndHostCombination() {
    SyntheticDataset data = dataset(42);
    String id = data.buckets().get(1).id();
    List<SimMinuteRow> rows =
        data.minuteRows(id, HISTORY_START, HISTORY_START.plus(Duration.ofMinutes(9)));
    assertThat(rows).hasSize(10 * 2 * 2);
    assertThat(rows.stream().map(SimMinuteRow::minute).distinct()).hasSize(10);
    assertThat(rows.stream().map(r -> r.repoId() + r.host()).distinct()).hasSize(4);
    assertThat(rows).allSatisfy(r -> assertThat(r.bucketId()).isEqualTo(id));
  }

  @Test
  void minuteRowsStartAtHistoryStartAndHonourInclusiveBounds() {
    SyntheticDataset data = dataset(42);
    String id = data.buckets().get(0).id();
    assertThat(data.minuteRows(id, HISTORY_START.minus(Duration.ofHours(1)), HISTORY_START))
        .hasSize(4)
        .allSatisfy(r -> assertThat(r.minute()).isEqualTo(HISTORY_START));
    Instant from = HISTORY_START.plusSeconds(1);
    Instant to = HISTORY_START.plusSeconds(120);
    assertThat(data.minuteRows(id, from, to))
        .extracting(SimMinuteRow::minute)
        .containsOnly(HISTORY_START.plusSeconds(60), HISTORY_START.plusSeconds(120));
  }

  @Test
  void rowValuesStayInTheirDocumentedRanges() {
    SyntheticDataset data = dataset(42);
    List<SimMinuteRow> rows =
        data.buckets().stream()
            .flatMap(
                b ->
                    data
                        .minuteRows(b.id(), HISTORY_START, HISTORY_START.plus(Duration.ofHours(2)))
                        .stream())
            .toList();
    assertThat(rows)
        .allSatisfy(
            r -> {
              assertThat(r.uplBytes()).isBetween(0L, 4_194_304L);
              assertThat(r.dwlBytes()).isBetween(0L, 4_194_304L);
              assertThat(r.latencyMs()).isPositive();
              assertThat(r.sizeChange()).isLessThanOrEqualTo(r.uplBytes());
            });
    assertThat(rows).anySatisfy(r -> assertThat(r.sizeChange()).isNegative());
    assertThat(rows).anySatisfy(r -> assertThat(r.uplBytes()).isZero());
  }

  @Test
  void rowsBecomeVisibleWhenTheirMinuteEndsAndLateOnesLateByLater() {
    SyntheticDataset data = dataset(42);
    List<SimMinuteRow> rows =
        data.buckets().stream()
            .flatMap(
                b ->
                    data
                        .minuteRows(b.id(), HISTORY_START, HISTORY_START.plus(Duration.ofHours(3)))
                        .stream())
            .toList();
    for (SimMinuteRow row : rows) {
      Instant end = row.minute().plusSeconds(60);
      boolean late = data.isLate(row.bucketId(), row.minute());
      assertThat(data.visibleAt(row)).isEqualTo(late ? end.plus(Duration.ofMinutes(2)) : end);
    }
    long lateGroups =
        rows.stream()
            .filter(r -> data.isLate(r.bucketId(), r.minute()))
            .map(r -> r.bucketId() + r.minute())
            .distinct()
            .count();
    long groups = rows.size() / 4;
    assertThat((double) lateGroups / groups).isBetween(0.06, 0.14);
  }

  @Test
  void visibleMinuteRowsHideUnendedAndLateMinutes() {
    SyntheticDataset data = dataset(42);
    String id = data.buckets().get(0).id();
    Instant lateMinute = firstLateMinute(data, id);
    Instant justEnded = lateMinute.plusSeconds(60);
    assertThat(data.visibleMinuteRows(id, lateMinute, lateMinute, justEnded)).isEmpty();
    assertThat(data.visibleMinuteRows(id, lateMinute, lateMinute, justEnded.plusSeconds(119)))
        .isEmpty();
    assertThat(data.visibleMinuteRows(id, lateMinute, lateMinute, justEnded.plusSeconds(120)))
        .hasSize(4);
    Instant onTime = firstOnTimeMinute(data, id);
    assertThat(data.visibleMinuteRows(id, onTime, onTime, onTime.plusSeconds(59))).isEmpty();
    assertThat(data.visibleMinuteRows(id, onTime, onTime, onTime.plusSeconds(60))).hasSize(4);
  }

  @Test
  void totalsEqualSumsOverVisibleMinuteRowsAsTimeAdvances() {
    SyntheticDataset data = dataset(42);
    String id = data.buckets().get(2).id();
    Instant far = HISTORY_START.plus(Duration.ofHours(4));
    for (long seconds = 0; seconds <= 3 * 3600; seconds += 37) {
      Instant now = HISTORY_START.plusSeconds(seconds);
      List<SimMinuteRow> visible = data.visibleMinuteRows(id, HISTORY_START, far, now);
      assertThat(data.totals(id, now))
          .isEqualTo(
              new SimTotals(
                  id,
                  visible.size(),
                  visible.stream().mapToLong(SimMinuteRow::uplBytes).sum(),
                  visible.stream().mapToLong(SimMinuteRow::dwlBytes).sum(),
                  visible.stream().mapToLong(SimMinuteRow::sizeChange).sum()));
    }
  }

  @Test
  void totalsRecomputeWhenTheClockGoesBackwards() {
    SyntheticDataset data = dataset(42);
    String id = data.buckets().get(0).id();
    Instant later = HISTORY_START.plus(Duration.ofHours(5));
    Instant earlier = HISTORY_START.plus(Duration.ofHours(1));
    SimTotals expected = new SyntheticDataset(config(42, 5)).totals(id, earlier);
    data.totals(id, later);
    assertThat(data.totals(id, earlier)).isEqualTo(expected);
  }

  @Test
  void totalsStayFastForAThousandBucketsAndAWeekOfHistory() {
    SyntheticDataset data = new SyntheticDataset(config(7, 1000));
    Instant now = HISTORY_START.plus(Duration.ofDays(7));
    long started = System.nanoTime();
    data.buckets().forEach(b -> data.totals(b.id(), now));
    Duration firstPoll = Duration.ofNanos(System.nanoTime() - started);
    started = System.nanoTime();
    for (int poll = 1; poll <= 10; poll++) {
      Instant later = now.plusSeconds(30L * poll);
      data.buckets().forEach(b -> data.totals(b.id(), later));
    }
    Duration tenMorePolls = Duration.ofNanos(System.nanoTime() - started);
    // Generous bounds for slow CI machines; typical: ~1 s and a few ms.
    assertThat(firstPoll).isLessThan(Duration.ofSeconds(15));
    assertThat(tenMorePolls).isLessThan(Duration.ofSeconds(1));
  }

  @Test
  void nodeStatsAreOnePerNodeAndEmptyBeforeHistoryStart() {
    SyntheticDataset data = dataset(42);
    String id = data.buckets().get(0).id();
    LocalDate day = LocalDate.parse("2024-02-01");
    List<SimNodeStat> stats = data.nodeStats(id, day);
    assertThat(stats).hasSize(3);
    assertThat(stats)
        .allSatisfy(
            s -> {
              assertThat(s.percUptime()).isBetween(0.0, 100.0);
              assertThat(s.avgLatencyMs()).isPositive();
              assertThat(s.lastUpdated())
                  .isBetween(
                      Instant.parse("2024-02-01T00:00:00Z"), Instant.parse("2024-02-01T23:59:59Z"));
              assertThat(s.ip()).matches("10\\.\\d+\\.\\d+\\.\\d+");
              assertThat(s.version()).matches("1\\.\\d\\.\\d");
            });
    assertThat(data.nodeStats(id, LocalDate.parse("2024-01-31"))).hasSize(3);
    assertThat(data.nodeStats(id, LocalDate.parse("2024-01-30"))).isEmpty();
  }

  @Test
  void nodeStatusIsMostlyOnlineButSometimesOfflineOrDisconnected() {
    SyntheticDataset data = new SyntheticDataset(config(42, 20));
    Set<String> statuses =
        data.buckets().stream()
            .flatMap(
                b ->
                    IntStream.range(0, 30)
                        .mapToObj(d -> LocalDate.parse("2024-02-01").plusDays(d))
                        .flatMap(d -> data.nodeStats(b.id(), d).stream()))
            .map(SimNodeStat::nodeStatus)
            .collect(Collectors.toSet());
    assertThat(statuses).containsExactlyInAnyOrder("ONLINE", "OFFLINE", "DISCONNECTED");
  }

  @Test
  void addedBucketsAreNamedByIndexAndRemovedOnesLeaveTheListing() {
    SyntheticDataset a = dataset(42);
    SyntheticDataset b = dataset(42);
    Instant now = HISTORY_START.plus(Duration.ofHours(1));
    SimBucket added = a.addBucket(now);
    assertThat(b.addBucket(now)).isEqualTo(added);
    assertThat(added.name()).isEqualTo("sim-bucket-005");
    assertThat(added.createdAt()).isEqualTo(now);
    assertThat(a.buckets()).hasSize(6).last().isEqualTo(added);

    String removed = a.buckets().get(0).id();
    assertThat(a.removeBucket(removed)).isTrue();
    assertThat(a.buckets()).extracting(SimBucket::id).doesNotContain(removed);
    assertThat(a.bucket(removed)).isEmpty();
    assertThat(a.addBucket(now).name()).isEqualTo("sim-bucket-006");
    // Rows of a removed bucket stay computable for expectations.
    assertThat(a.minuteRows(removed, HISTORY_START, HISTORY_START)).hasSize(4);
    assertThatThrownBy(() -> a.minuteRows("nope", HISTORY_START, HISTORY_START))
        .isInstanceOf(IllegalArgumentException.class);
  }

  @Test
  void largeCountersPutTheFirstBucketsTotalsBeyondTwoToTheFiftyThird() {
    DatasetConfig large =
        new DatasetConfig(42, 2, 1, 2, 2, 3, HISTORY_START, 0.1, Duration.ofMinutes(2), true);
    SyntheticDataset data = new SyntheticDataset(large);
    SimTotals first = data.totals(data.buckets().get(0).id(), HISTORY_START);
    assertThat(first.totalUploadBytes()).isEqualTo(9_007_199_254_740_993L);
    assertThat(first.totalSizeChange()).isEqualTo(-2 * 9_007_199_254_740_993L);
    assertThat(
            data.totals(data.buckets().get(1).id(), HISTORY_START.plusSeconds(600))
                .totalUploadBytes())
        .isLessThan(1L << 53);
  }

  static Instant firstLateMinute(SyntheticDataset data, String bucketId) {
    Instant minute = data.historyStart();
    while (!data.isLate(bucketId, minute)) {
      minute = minute.plusSeconds(60);
    }
    return minute;
  }

  static Instant firstOnTimeMinute(SyntheticDataset data, String bucketId) {
    Instant minute = data.historyStart();
    while (data.isLate(bucketId, minute)) {
      minute = minute.plusSeconds(60);
    }
    return minute;
  }
}
