package tech.flashback.connect.stream;

/** Keeps a stream's next due time; each stream decides it after every unit of work. */
abstract class ScheduledStream implements RecordStream {

  protected final StreamContext context;
  private long nextDueMs;

  ScheduledStream(StreamContext context) {
    this.context = context;
  }

  @Override
  public final long nextDueMs() {
    return nextDueMs;
  }

  @Override
  public final void deferUntil(long epochMs) {
    nextDueMs = epochMs;
  }

  /** Sets when this stream next has work. */
  protected final void dueAt(long epochMs) {
    nextDueMs = epochMs;
  }
}
