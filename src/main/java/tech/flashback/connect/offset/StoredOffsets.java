package tech.flashback.connect.offset;

import java.util.Map;

/** Validates an offset against the format of its partition's stream. */
public final class StoredOffsets {

  private StoredOffsets() {}

  /**
   * Parses {@code offset} as the offset type of {@code partition}'s stream.
   *
   * @return the typed offset ({@link MinuteOffset}, {@link DayOffset}, {@link TotalsOffset} or
   *     {@link CatalogState})
   * @throws IllegalArgumentException naming the bad field
   */
  public static Object parse(SourcePartition partition, Map<String, ?> offset) {
    return switch (partition.stream()) {
      case MINUTE -> MinuteOffset.fromMap(offset);
      case NODE_DAILY -> DayOffset.fromMap(offset);
      case BUCKET_TOTALS -> TotalsOffset.fromMap(offset);
      case BUCKETS -> CatalogState.fromMap(offset);
    };
  }
}
