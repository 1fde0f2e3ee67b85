package tech.flashback.connect.offset;

import java.time.LocalDate;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Objects;

/**
 * How far one bucket's daily node stream has been emitted: every UTC day before {@code day} is
 * complete and, when {@code lastEmitted} is set, the nodes of {@code day} up to and including that
 * key are emitted too.
 *
 * <p>Stored as {@code {"v": 1, "day": "2024-01-15"}} or, inside a day, {@code {"v": 1, "day":
 * "2024-01-15", "partial": true, "after_host": .., "after_ip": ..}}.
 *
 * @param day the first UTC day not completely emitted
 * @param lastEmitted the last node emitted inside {@code day}, or {@code null} for none
 */
public record DayOffset(LocalDate day, NodeKey lastEmitted) {

  static final String DAY = "day";
  static final String PARTIAL = "partial";
  static final String AFTER_HOST = "after_host";
  static final String AFTER_IP = "after_ip";

  public DayOffset {
    Objects.requireNonNull(day, "day");
  }

  /** Nothing of {@code day} emitted yet. */
  public static DayOffset startingAt(LocalDate day) {
    return new DayOffset(day, null);
  }

  /** Whether the node {@code key} of {@code nodeDay} was already emitted. */
  public boolean covers(LocalDate nodeDay, NodeKey key) {
    int byDay = nodeDay.compareTo(day);
    return byDay < 0 || byDay == 0 && lastEmitted != null && key.compareTo(lastEmitted) <= 0;
  }

  public Map<String, Object> toMap() {
    Map<String, Object> map = new LinkedHashMap<>();
    map.put(OffsetFields.VERSION, OffsetFields.CURRENT_VERSION);
    map.put(DAY, day.toString());
    if (lastEmitted != null) {
      map.put(PARTIAL, true);
      if (lastEmitted.host() != null) {
        map.put(AFTER_HOST, lastEmitted.host());
      }
      if (lastEmitted.ip() != null) {
        map.put(AFTER_IP, lastEmitted.ip());
      }
    }
    return map;
  }

  /** Reads a stored or operator-written offset; throws naming the bad field. */
  public static DayOffset fromMap(Map<String, ?> map) {
    OffsetFields.requireVersion(map);
    LocalDate day = OffsetFields.requireDate(map, DAY);
    boolean partial = OffsetFields.optionalBoolean(map, PARTIAL);
    String host = OffsetFields.optionalString(map, AFTER_HOST);
    String ip = OffsetFields.optionalString(map, AFTER_IP);
    if (!partial && (host != null || ip != null)) {
      throw new IllegalArgumentException(
          "offset fields 'after_host'/'after_ip' are only valid with \"partial\": true");
    }
    return new DayOffset(day, partial ? new NodeKey(host, ip) : null);
  }
}
