package tech.flashback.connect.offset;

import java.util.Comparator;

/**
 * Orders the nodes of one bucket and day: by host, then ip, {@code null} first. The daily offset
 * records the last node emitted inside a day, so a restart resumes after it.
 *
 * @param host the node's host, may be {@code null}
 * @param ip the node's address, may be {@code null}
 */
public record NodeKey(String host, String ip) implements Comparable<NodeKey> {

  private static final Comparator<NodeKey> ORDER =
      Comparator.comparing(NodeKey::host, Comparator.nullsFirst(Comparator.naturalOrder()))
          .thenComparing(NodeKey::ip, Comparator.nullsFirst(Comparator.naturalOrder()));

  @Override
  public int compareTo(NodeKey other) {
    return ORDER.compare(this, other);
  }
}
