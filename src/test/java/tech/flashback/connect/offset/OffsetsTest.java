package tech.flashback.connect.offset;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Instant;
import java.time.LocalDate;
import java.util.HashMap;
import java.util.Map;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;
import tech.flashback.connect.config.StreamKind;

class OffsetsTest {

  private static final Instant MINUTE = Instant.parse("2024-02-01T10:15:00Z");

  @Test
  void partitionsRoundTripAndNameTheirStreamAndBucket() {
    SourcePartition minute = SourcePartition.of(StreamKind.MINUTE, "b-1");
    assertThat(minute.toMap()).isEqualTo(Map.of("stream", "minute", "bucket", "b-1"));
    assertThat(SourcePartition.fromMap(minute.toMap())).isEqualTo(minute);
    assertThat(SourcePartition.catalog().toMap()).isEqualTo(Map.of("stream", "buckets"));
    assertThat(SourcePartition.fromMap(Map.of("stream", "buckets")))
        .isEqualTo(SourcePartition.catalog());
  }

  @Test
  void malformedPartitionsAreRefusedWithAClearMessage() {
    assertThatThrownBy(() -> SourcePartition.fromMap(Map.of("stream", "hourly", "bucket", "b")))
        .hasMessageContaining("unknown stream 'hourly'")
        .hasMessageContaining("minute");
    assertThatThrownBy(() -> SourcePartition.fromMap(Map.of("stream", "minute")))
        .hasMessageContaining("needs a non-empty 'bucket'");
    assertThatThrownBy(() -> SourcePartition.fromMap(Map.of("stream", "buckets", "bucket", "b")))
        .hasMessageContaining("catalog partition has no bucket");
    assertThatThrownBy(() -> SourcePartition.fromMap(Map.of("stream", 5)))
        .hasMessageContaining("'stream' must be a string");
    assertThatThrownBy(
            () -> SourcePartition.fromMap(Map.of("stream", "minute", "bucket", "b", "x", 1)))
        .hasMessageContaining("unknown source partition field 'x'");
  }

  @Test
  void minuteOffsetsRoundTripInsideAndBetweenMinutes() {
    MinuteOffset complete = MinuteOffset.startingAt(MINUTE);
    MinuteOffset inside = new MinuteOffset(MINUTE, new MinuteRowKey("repo-1", null));

    assertThat(complete.toMap()).isEqualTo(Map.of("v", 1, "minute", MINUTE.toEpochMilli()));
    assertThat(inside.toMap())
        .isEqualTo(
            Map.of(
                "v", 1, "minute", MINUTE.toEpochMilli(), "partial", true, "after_repo", "repo-1"));
    assertThat(MinuteOffset.fromMap(complete.toMap())).isEqualTo(complete);
    assertThat(MinuteOffset.fromMap(inside.toMap())).isEqualTo(inside);
  }

  @Test
  void storedNumbersAreReadAsAnyNumberType() {
    Map<String, Object> asStoredByJson = new HashMap<>();
    asStoredByJson.put("v", 1L);
    asStoredByJson.put("minute", (double) MINUTE.toEpochMilli());
    assertThat(MinuteOffset.fromMap(asStoredByJson)).isEqualTo(MinuteOffset.startingAt(MINUTE));
    assertThat(TotalsOffset.fromMap(Map.of("v", 1, "snapshot", 300_000)))
        .isEqualTo(new TotalsOffset(Instant.ofEpochMilli(300_000)));
  }

  @Test
  void minuteOffsetsCoverWhatWasEmitted() {
    MinuteOffset inside = new MinuteOffset(MINUTE, new MinuteRowKey("r2", "h1"));

    assertThat(inside.covers(MINUTE.minusSeconds(60), "z", "z")).isTrue();
    assertThat(inside.covers(MINUTE, "r1", "h9")).isTrue();
    assertThat(inside.covers(MINUTE, "r2", "h1")).isTrue();
    assertThat(inside.covers(MINUTE, "r2", "h2")).isFalse();
    assertThat(inside.covers(MINUTE, null, null)).isTrue();
    assertThat(MinuteOffset.startingAt(MINUTE).covers(MINUTE, null, null)).isFalse();
  }

  @Test
  void minuteOffsetsTreatAnEmptyRepoOrHostAsAbsent() {
    MinuteOffset afterNoHost = new MinuteOffset(MINUTE, new MinuteRowKey("r2", null));

    assertThat(afterNoHost.covers(MINUTE, "r2", "")).isTrue();
    assertThat(afterNoHost.covers(MINUTE, "", "h1")).isTrue();
    assertThat(afterNoHost.covers(MINUTE, "r2", "h1")).isFalse();
  }

  @Test
  void rowKeysTreatAnEmptyValueAsAbsentLikeTheRecordKeysDo() {
    assertThat(MinuteRowKey.of("", "")).isEqualTo(new MinuteRowKey(null, null));
    assertThat(MinuteRowKey.of("r", "h")).isEqualTo(new MinuteRowKey("r", "h"));
    assertThat(NodeKey.of("", "10.0.0.1")).isEqualTo(new NodeKey(null, "10.0.0.1"));
  }

  @Test
  void malformedMinuteOffsetsAreRefusedNamingTheField() {
    assertThatThrownBy(() -> MinuteOffset.fromMap(Map.of("v", 1, "minute", "yesterday")))
        .hasMessage("offset field 'minute' must be a number, was \"yesterday\"");
    assertThatThrownBy(() -> MinuteOffset.fromMap(Map.of("v", 1, "minute", 1_000)))
        .hasMessageContaining("must be a whole UTC minute");
    assertThatThrownBy(() -> MinuteOffset.fromMap(Map.of("minute", 60_000)))
        .hasMessageContaining("'v' must be a number");
    assertThatThrownBy(() -> MinuteOffset.fromMap(Map.of("v", 2, "minute", 60_000)))
        .hasMessageContaining("'v' must be 1, was 2");
    assertThatThrownBy(
            () -> MinuteOffset.fromMap(Map.of("v", 1, "minute", 60_000, "after_repo", "r")))
        .hasMessageContaining("only valid with \"partial\": true");
    assertThatThrownBy(
            () -> MinuteOffset.fromMap(Map.of("v", 1, "minute", 60_000, "partial", "yes")))
        .hasMessageContaining("'partial' must be true or false");
  }

  @Test
  void dayOffsetsRoundTripAndRefuseBadDays() {
    LocalDate day = LocalDate.parse("2024-01-15");
    DayOffset inside = new DayOffset(day, new NodeKey("n1.flashback.tech", "10.0.0.1"));

    assertThat(DayOffset.fromMap(inside.toMap())).isEqualTo(inside);
    assertThat(DayOffset.startingAt(day).toMap()).isEqualTo(Map.of("v", 1, "day", "2024-01-15"));
    assertThat(inside.covers(day.minusDays(1), new NodeKey("z", "z"))).isTrue();
    assertThat(inside.covers(day, new NodeKey("n2.flashback.tech", null))).isFalse();
    assertThatThrownBy(() -> DayOffset.fromMap(Map.of("v", 1, "day", "2024-02-30")))
        .hasMessageContaining("'day' must be an ISO date");
  }

  @Test
  void catalogStateRoundTripsAndAppliesChanges() {
    CatalogState state = CatalogState.empty().with("b-2", "f2").with("b-1", "f1");

    assertThat(state.fingerprints().keySet()).containsExactly("b-1", "b-2");
    assertThat(CatalogState.fromMap(state.toMap())).isEqualTo(state);
    assertThat(state.with("b-1", null).fingerprints()).containsOnlyKeys("b-2");
    assertThatThrownBy(() -> CatalogState.fromMap(Map.of("v", 1, "buckets", "[oops")))
        .hasMessageContaining("'buckets' must be a JSON object");
  }

  @Test
  void storedOffsetsAreParsedByTheirPartitionsStream() {
    assertThat(
            StoredOffsets.parse(
                SourcePartition.of(StreamKind.MINUTE, "b"), Map.of("v", 1, "minute", 60_000)))
        .isEqualTo(MinuteOffset.startingAt(Instant.ofEpochSecond(60)));
    assertThatThrownBy(
            () ->
                StoredOffsets.parse(
                    SourcePartition.of(StreamKind.NODE_DAILY, "b"), Map.of("v", 1, "minute", 1)))
        .hasMessageContaining("'day'");
  }

  @Test
  void lazyOffsetsAreBuiltOnceAndOnlyWhenRead() {
    AtomicInteger builds = new AtomicInteger();
    LazyOffset offset =
        new LazyOffset(
            () -> {
              builds.incrementAndGet();
              return Map.of("v", 1);
            });

    assertThat(builds).hasValue(0);
    assertThat(offset).containsEntry("v", 1);
    assertThat(offset.get("v")).isEqualTo(1);
    assertThat(builds).hasValue(1);
  }
}
