package tech.flashback.connect.simulator;

/**
 * Chooses, per row and field, how a value is rendered when {@code varyEncodings} is on: a number as
 * a JSON number or a string, a timestamp in one of the {@link TimestampStyle}s, and whether the row
 * carries an unknown extra field. Values never change, only their encoding. When off, everything is
 * as documented.
 */
public final class EncodingPlan {

  private static final double EXTRA_FIELD_SHARE = 0.25;

  private final long seed;
  private final boolean varied;

  EncodingPlan(long seed, boolean varied) {
    this.seed = seed;
    this.varied = varied;
  }

  public boolean varied() {
    return varied;
  }

  /** Whether this number goes out as a string; {@code documentedAsString} is the default form. */
  boolean asString(long rowKey, String field, boolean documentedAsString) {
    if (!varied) {
      return documentedAsString;
    }
    return (SplitMix64.hash(seed, rowKey, SplitMix64.hash(0, field)) & 1) == 0;
  }

  TimestampStyle timestampStyle(long rowKey) {
    if (!varied) {
      return TimestampStyle.EPOCH_MILLIS;
    }
    TimestampStyle[] styles = TimestampStyle.values();
    return styles[(int) SplitMix64.below(SplitMix64.hash(seed, rowKey, 0x75L), styles.length)];
  }

  /** Whether ISO date-times (e.g. node {@code last_updated}) carry an offset instead of Z. */
  boolean isoWithOffset(long rowKey) {
    return varied && (SplitMix64.hash(seed, rowKey, 0x0FFL) & 1) == 0;
  }

  boolean extraField(long rowKey) {
    return varied && SplitMix64.unit(SplitMix64.hash(seed, rowKey, 0xE87L)) < EXTRA_FIELD_SHARE;
  }
}
