package tech.flashback.connect.offset;

import java.util.Comparator;

/**
 * Orders the rows of one bucket and minute: by repo, then host, {@code null} first. The minute
 * offset records the last key emitted inside a minute, so a restart resumes after it.
 *
 * @param repoId the row's repo, may be {@code null}
 * @param host the row's host, may be {@code null}
 */
public record MinuteRowKey(String repoId, String host) implements Comparable<MinuteRowKey> {

  private static final Comparator<MinuteRowKey> ORDER =
      Comparator.comparing(MinuteRowKey::repoId, Comparator.nullsFirst(Comparator.naturalOrder()))
          .thenComparing(MinuteRowKey::host, Comparator.nullsFirst(Comparator.naturalOrder()));

  @Override
  public int compareTo(MinuteRowKey other) {
    return ORDER.compare(this, other);
  }
}
