package tech.flashback.connect.offset;

/**
 * Orders the rows of one bucket and minute: by repo, then host, {@code null} first. The minute
 * offset records the last key emitted inside a minute, so a restart resumes after it.
 *
 * @param repoId the row's repo, may be {@code null}
 * @param host the row's host, may be {@code null}
 */
public record MinuteRowKey(String repoId, String host) implements Comparable<MinuteRowKey> {

  /**
   * The key of a row as the record key sees it: repo and host; an empty value is the same as an
   * absent one (record keys write both as {@code ""}), so both normalize to {@code null}.
   */
  public static MinuteRowKey of(String repoId, String host) {
    return new MinuteRowKey(emptyToNull(repoId), emptyToNull(host));
  }

  private static String emptyToNull(String value) {
    return value == null || value.isEmpty() ? null : value;
  }

  @Override
  public int compareTo(MinuteRowKey other) {
    return compare(repoId, host, other.repoId, other.host);
  }

  /**
   * Compares the keys {@code of(repoA, hostA)} and {@code of(repoB, hostB)} without making them: it
   * runs for every row of every window.
   */
  public static int compare(String repoA, String hostA, String repoB, String hostB) {
    int byRepo = compareNullsFirst(emptyToNull(repoA), emptyToNull(repoB));
    return byRepo != 0 ? byRepo : compareNullsFirst(emptyToNull(hostA), emptyToNull(hostB));
  }

  /** Written out rather than a Comparator chain: it runs for every row of every window. */
  static int compareNullsFirst(String a, String b) {
    if (a == b) {
      return 0;
    }
    if (a == null || b == null) {
      return a == null ? -1 : 1;
    }
    return a.compareTo(b);
  }
}
