package tech.flashback.connect.stream;

import java.util.List;

/** Picks the stream whose work is due first; ties go to the earlier stream in the list. */
public final class StreamScheduler {

  private final List<RecordStream> streams;

  public StreamScheduler(List<RecordStream> streams) {
    this.streams = List.copyOf(streams);
  }

  /** The stream due soonest if it is due at {@code nowMs}, else {@code null}. */
  public RecordStream due(long nowMs) {
    RecordStream first = null;
    for (RecordStream stream : streams) {
      if (first == null || stream.nextDueMs() < first.nextDueMs()) {
        first = stream;
      }
    }
    return first != null && first.nextDueMs() <= nowMs ? first : null;
  }

  /** When the next stream is due; {@link Long#MAX_VALUE} without streams. */
  public long earliestDueMs() {
    return streams.stream().mapToLong(RecordStream::nextDueMs).min().orElse(Long.MAX_VALUE);
  }

  public List<RecordStream> streams() {
    return streams;
  }
}
