package tech.flashback.connect.stream;

import java.util.List;
import org.apache.kafka.connect.source.SourceRecord;
import tech.flashback.connect.config.StreamKind;

/**
 * One stream of one task: knows when it next has work, does one unit of it (at most one API
 * request), and keeps the in-memory position of each of its buckets.
 */
public interface RecordStream {

  StreamKind kind();

  /** When this stream next has work, in epoch ms; a value at or before now means "now". */
  long nextDueMs();

  /**
   * Does one unit of due work: one request, its rows as records in emission order, each with the
   * offset that is true once it and every record before it are written.
   */
  List<SourceRecord> poll(long nowMs);

  /** Defers the next attempt after a transient failure; positions stay where they were. */
  void deferUntil(long epochMs);
}
