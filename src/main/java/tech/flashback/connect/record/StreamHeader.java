package tech.flashback.connect.record;

import org.apache.kafka.connect.header.ConnectHeaders;
import org.apache.kafka.connect.header.Header;

/**
 * The {@value #NAME} header carried by every record: the name of the stream it belongs to ({@code
 * buckets}, {@code bucket-totals}, {@code node-daily}, {@code minute}). It lets one consumer of
 * several topics, or of the error topic, tell records apart without parsing them. Nothing else is
 * put in headers.
 */
public final class StreamHeader {

  /** The header's key. */
  public static final String NAME = "flashback.stream";

  private StreamHeader() {}

  /** The (immutable) header for one stream; converters build it once and share it. */
  static Header of(String stream) {
    if (stream == null || stream.isEmpty()) {
      throw new IllegalArgumentException("a stream name is required");
    }
    return new ConnectHeaders().addString(NAME, stream).lastWithName(NAME);
  }

  /** A fresh, mutable header set for one record (transforms may change it), holding the header. */
  static ConnectHeaders headers(Header streamHeader) {
    ConnectHeaders headers = new ConnectHeaders();
    headers.add(streamHeader);
    return headers;
  }
}
