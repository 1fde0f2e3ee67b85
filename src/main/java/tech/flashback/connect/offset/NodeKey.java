package tech.flashback.connect.offset;

/**
 * Orders the nodes of one bucket and day: by host, then ip, {@code null} first. The daily offset
 * records the last node emitted inside a day, so a restart resumes after it.
 *
 * @param host the node's host, may be {@code null}
 * @param ip the node's address, may be {@code null}
 */
public record NodeKey(String host, String ip) implements Comparable<NodeKey> {

  /**
   * The key of a row as the record key sees it: host and ip; an empty value is the same as an
   * absent one (record keys write both as {@code ""}), so both normalize to {@code null}.
   */
  public static NodeKey of(String host, String ip) {
    return new NodeKey(emptyToNull(host), emptyToNull(ip));
  }

  private static String emptyToNull(String value) {
    return value == null || value.isEmpty() ? null : value;
  }

  @Override
  public int compareTo(NodeKey other) {
    int byHost = MinuteRowKey.compareNullsFirst(host, other.host);
    return byHost != 0 ? byHost : MinuteRowKey.compareNullsFirst(ip, other.ip);
  }
}
