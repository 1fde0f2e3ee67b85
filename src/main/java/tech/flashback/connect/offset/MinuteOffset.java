package tech.flashback.connect.offset;

import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.Map;
import java.util.Objects;

/**
 * How far one bucket's minute stream has been emitted: every minute before {@code minute} is
 * complete and, when {@code lastEmitted} is set, the rows of {@code minute} up to and including
 * that key are emitted too. The offset of the last row of a minute moves past the minute; any other
 * row's offset stays inside it, so a stop between two rows of one minute neither loses nor repeats
 * the rest of it.
 *
 * <p>Stored as {@code {"v": 1, "minute": <epoch ms>}} or, inside a minute, {@code {"v": 1,
 * "minute": <epoch ms>, "partial": true, "after_repo": .., "after_host": ..}} (an absent
 * after-field means {@code null}).
 *
 * @param minute the first minute not completely emitted (a whole UTC minute)
 * @param lastEmitted the last row emitted inside {@code minute}, or {@code null} for none
 */
public record MinuteOffset(Instant minute, MinuteRowKey lastEmitted) {

  static final String MINUTE = "minute";
  static final String PARTIAL = "partial";
  static final String AFTER_REPO = "after_repo";
  static final String AFTER_HOST = "after_host";

  public MinuteOffset {
    Objects.requireNonNull(minute, "minute");
    if (!minute.truncatedTo(ChronoUnit.MINUTES).equals(minute)) {
      throw new IllegalArgumentException(
          "offset field 'minute' must be a whole UTC minute in epoch milliseconds, was "
              + minute.toEpochMilli());
    }
  }

  /** Nothing of {@code minute} emitted yet. */
  public static MinuteOffset startingAt(Instant minute) {
    return new MinuteOffset(minute, null);
  }

  /**
   * Whether the row of {@code rowMinute} with this repo and host (as received: empty is the same as
   * absent, as in {@link MinuteRowKey#of}) was already emitted.
   */
  public boolean covers(Instant rowMinute, String repoId, String host) {
    int byMinute = rowMinute.compareTo(minute);
    return byMinute < 0
        || byMinute == 0
            && lastEmitted != null
            && MinuteRowKey.compare(repoId, host, lastEmitted.repoId(), lastEmitted.host()) <= 0;
  }

  /**
   * The stored form; immutable. Built with {@code Map.of}, several times cheaper than an ordered
   * map for an object made per record; the order of the keys carries no meaning (offsets are read
   * by key, unlike partitions, which Connect matches by their serialized bytes).
   */
  public Map<String, Object> toMap() {
    Long minuteMillis = minute.toEpochMilli();
    if (lastEmitted == null) {
      return Map.of(OffsetFields.VERSION, OffsetFields.CURRENT_VERSION, MINUTE, minuteMillis);
    }
    String repo = lastEmitted.repoId();
    String host = lastEmitted.host();
    Integer version = OffsetFields.CURRENT_VERSION;
    if (repo != null && host != null) {
      return Map.of(
          OffsetFields.VERSION,
          version,
          MINUTE,
          minuteMillis,
          PARTIAL,
          true,
          AFTER_REPO,
          repo,
          AFTER_HOST,
          host);
    }
    if (repo != null) {
      return Map.of(
          OffsetFields.VERSION, version, MINUTE, minuteMillis, PARTIAL, true, AFTER_REPO, repo);
    }
    if (host != null) {
      return Map.of(
          OffsetFields.VERSION, version, MINUTE, minuteMillis, PARTIAL, true, AFTER_HOST, host);
    }
    return Map.of(OffsetFields.VERSION, version, MINUTE, minuteMillis, PARTIAL, true);
  }

  /** Reads a stored or operator-written offset; throws naming the bad field. */
  public static MinuteOffset fromMap(Map<String, ?> map) {
    OffsetFields.requireVersion(map);
    Instant minute = Instant.ofEpochMilli(OffsetFields.requireLong(map, MINUTE));
    boolean partial = OffsetFields.optionalBoolean(map, PARTIAL);
    String repo = OffsetFields.optionalString(map, AFTER_REPO);
    String host = OffsetFields.optionalString(map, AFTER_HOST);
    if (!partial && (repo != null || host != null)) {
      throw new IllegalArgumentException(
          "offset fields 'after_repo'/'after_host' are only valid with \"partial\": true");
    }
    return new MinuteOffset(minute, partial ? new MinuteRowKey(repo, host) : null);
  }
}
