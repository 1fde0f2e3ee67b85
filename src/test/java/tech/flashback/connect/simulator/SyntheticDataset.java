package tech.flashback.connect.simulator;

import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.Collection;
import java.util.Comparator;
import java.util.List;
import java.util.Optional;
import java.util.stream.IntStream;
import java.util.stream.LongStream;
import java.util.stream.Stream;

/**
 * The simulator's data, usable by tests without HTTP: every value is a pure function of the seed,
 * the bucket and the minute or day; only the set of active buckets changes at runtime. Minute
 * windows are inclusive at both ends and hold every row from history start on; visibility (a row
 * appears once its minute has ended, late minutes {@code lateBy} later) is applied only by the
 * {@code visible...} methods and {@link #totals}.
 */
public final class SyntheticDataset {

  private final DatasetConfig config;
  private final BucketFactory factory;
  private final BucketCatalog catalog;
  private final MinuteRowGenerator minuteRows;
  private final NodeStatGenerator nodeStats = new NodeStatGenerator();
  private final RunningTotals totals;

  public SyntheticDataset(DatasetConfig config) {
    this.config = config;
    this.factory = new BucketFactory(config);
    this.catalog = new BucketCatalog(factory, config.initialBuckets());
    this.minuteRows = new MinuteRowGenerator(config);
    this.totals = new RunningTotals(config, minuteRows);
  }

  public DatasetConfig config() {
    return config;
  }

  public Instant historyStart() {
    return config.historyStart();
  }

  /** Active buckets in creation order (the listing order). */
  public List<SimBucket> buckets() {
    return catalog.active().stream().map(BucketModel::bucket).toList();
  }

  public List<SimBucket> buckets(String workspaceId) {
    return buckets().stream().filter(b -> b.workspaceId().equals(workspaceId)).toList();
  }

  public Optional<SimBucket> bucket(String bucketId) {
    return catalog.activeBucket(bucketId).map(BucketModel::bucket);
  }

  public List<String> workspaceIds() {
    return factory.workspaceIds();
  }

  /** Sorted, as rows are. Works for removed buckets too. */
  public List<String> repoIds(String bucketId) {
    return known(bucketId).repoIds();
  }

  /** Sorted, as rows are. Works for removed buckets too. */
  public List<String> hosts(String bucketId) {
    return known(bucketId).hosts();
  }

  /** Every credential string of every bucket ever created, for leak scans. */
  public List<String> credentialValues() {
    return catalog.known().stream().flatMap(m -> m.bucket().credentialValues().stream()).toList();
  }

  /** All rows of one bucket with {@code from <= timestamp <= to}, visible or not. */
  public List<SimMinuteRow> minuteRows(String bucketId, Instant from, Instant to) {
    BucketModel bucket = known(bucketId);
    return minutes(from, to).boxed().flatMap(m -> rowsOf(bucket, m)).toList();
  }

  public boolean isLate(String bucketId, Instant minute) {
    return minuteRows.isLate(known(bucketId), epochMinute(minute));
  }

  /** When the row first appears in responses. */
  public Instant visibleAt(SimMinuteRow row) {
    return Instant.ofEpochMilli(
        minuteRows.visibleAtMillis(known(row.bucketId()), epochMinute(row.minute())));
  }

  public List<SimMinuteRow> visibleMinuteRows(
      String bucketId, Instant from, Instant to, Instant now) {
    return minuteRows(bucketId, from, to).stream()
        .filter(row -> !visibleAt(row).isAfter(now))
        .toList();
  }

  /**
   * The rows a server sends for these buckets: visible at {@code now}, inside [from, to], sorted by
   * timestamp, bucket, repo, host. Lazy, so huge windows stream.
   */
  public Stream<SimMinuteRow> visibleMinuteRows(
      Collection<String> bucketIds, Instant from, Instant to, Instant now) {
    List<BucketModel> buckets =
        bucketIds.stream()
            .distinct()
            .map(this::known)
            .sorted(Comparator.comparing(BucketModel::id))
            .toList();
    long nowMillis = now.toEpochMilli();
    Instant lastEnded = Instant.ofEpochMilli(nowMillis - MinuteRowGenerator.MINUTE_MILLIS);
    Instant end = to.isBefore(lastEnded) ? to : lastEnded;
    return minutes(from, end)
        .boxed()
        .flatMap(
            m ->
                buckets.stream()
                    .filter(b -> minuteRows.visibleAtMillis(b, m) <= nowMillis)
                    .flatMap(b -> rowsOf(b, m)));
  }

  /** One entry per node; empty for days before the history start's day. */
  public List<SimNodeStat> nodeStats(String bucketId, LocalDate day) {
    BucketModel bucket = known(bucketId);
    if (day.isBefore(LocalDate.ofInstant(config.historyStart(), ZoneOffset.UTC))) {
      return List.of();
    }
    List<SimNodeStat> stats = new ArrayList<>();
    for (int node = 0; node < config.nodesPerBucket(); node++) {
      stats.add(nodeStats.stat(bucket, day, node));
    }
    return stats;
  }

  /** Totals over the rows visible at {@code now}, since history start. */
  public SimTotals totals(String bucketId, Instant now) {
    return totals.totals(known(bucketId), now.toEpochMilli());
  }

  SimBucket addBucket(Instant now) {
    return catalog.add(now).bucket();
  }

  boolean removeBucket(String bucketId) {
    totals.forget(bucketId);
    return catalog.remove(bucketId);
  }

  boolean isActive(String bucketId) {
    return catalog.activeBucket(bucketId).isPresent();
  }

  private Stream<SimMinuteRow> rowsOf(BucketModel bucket, long epochMinute) {
    int hosts = bucket.hosts().size();
    return IntStream.range(0, bucket.repoIds().size() * hosts)
        .mapToObj(i -> minuteRows.row(bucket, epochMinute, i / hosts, i % hosts));
  }

  /** Epoch minutes whose start lies in [from, to] and not before history start. */
  private LongStream minutes(Instant from, Instant to) {
    Instant start = from.isBefore(config.historyStart()) ? config.historyStart() : from;
    long first =
        Math.floorDiv(
            start.toEpochMilli() + MinuteRowGenerator.MINUTE_MILLIS - 1,
            MinuteRowGenerator.MINUTE_MILLIS);
    long last = Math.floorDiv(to.toEpochMilli(), MinuteRowGenerator.MINUTE_MILLIS);
    return LongStream.rangeClosed(first, last);
  }

  private static long epochMinute(Instant minute) {
    return Math.floorDiv(minute.toEpochMilli(), MinuteRowGenerator.MINUTE_MILLIS);
  }

  private BucketModel known(String bucketId) {
    return catalog
        .knownBucket(bucketId)
        .orElseThrow(() -> new IllegalArgumentException("Unknown bucket: " + bucketId));
  }
}
