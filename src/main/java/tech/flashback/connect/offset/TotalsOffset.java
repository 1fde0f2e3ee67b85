package tech.flashback.connect.offset;

import java.time.Instant;
import java.util.Map;
import java.util.Objects;

/**
 * The last totals snapshot emitted for a bucket, so the cadence survives restarts: the next one is
 * due one interval later. Stored as {@code {"v": 1, "snapshot": <epoch ms>}}.
 *
 * @param lastSnapshot the snapshot slot of the last totals record
 */
public record TotalsOffset(Instant lastSnapshot) {

  static final String SNAPSHOT = "snapshot";

  public TotalsOffset {
    Objects.requireNonNull(lastSnapshot, "lastSnapshot");
  }

  public Map<String, Object> toMap() {
    return Map.of(
        OffsetFields.VERSION, OffsetFields.CURRENT_VERSION, SNAPSHOT, lastSnapshot.toEpochMilli());
  }

  /** Reads a stored or operator-written offset; throws naming the bad field. */
  public static TotalsOffset fromMap(Map<String, ?> map) {
    OffsetFields.requireVersion(map);
    return new TotalsOffset(Instant.ofEpochMilli(OffsetFields.requireLong(map, SNAPSHOT)));
  }
}
