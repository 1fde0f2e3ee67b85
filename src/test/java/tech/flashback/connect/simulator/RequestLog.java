package tech.flashback.connect.simulator;

import java.util.ArrayDeque;
import java.util.Deque;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.TimeUnit;
import java.util.function.Consumer;

/**
 * Every request, in order of completion, bounded (oldest dropped) so long benchmarks do not grow
 * without limit. Listeners see each request as it completes.
 */
public final class RequestLog {

  private final int capacity;
  private final Deque<LoggedRequest> entries = new ArrayDeque<>();
  private final List<Consumer<LoggedRequest>> listeners = new CopyOnWriteArrayList<>();
  private int committedNotRecorded; // guarded by entries

  RequestLog(int capacity) {
    if (capacity < 1) {
      throw new IllegalArgumentException("capacity must be at least 1: " + capacity);
    }
    this.capacity = capacity;
  }

  /** A response is about to complete on the wire; its entry follows within microseconds. */
  void responseCommitting() {
    synchronized (entries) {
      committedNotRecorded++;
    }
  }

  void record(LoggedRequest request, boolean committed) {
    synchronized (entries) {
      if (entries.size() == capacity) {
        entries.removeFirst();
      }
      entries.addLast(request);
      if (committed) {
        committedNotRecorded--;
        entries.notifyAll();
      }
    }
    listeners.forEach(listener -> listener.accept(request));
  }

  /**
   * All entries, including every request whose complete response a client has already received (the
   * entry is written just after the last byte, so this waits for such stragglers).
   */
  public List<LoggedRequest> requests() {
    synchronized (entries) {
      long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(2);
      long left;
      while (committedNotRecorded > 0 && (left = deadline - System.nanoTime()) > 0) {
        try {
          TimeUnit.NANOSECONDS.timedWait(entries, left);
        } catch (InterruptedException e) {
          Thread.currentThread().interrupt();
          break;
        }
      }
      return List.copyOf(entries);
    }
  }

  public List<LoggedRequest> requests(SimulatorEndpoint endpoint) {
    return requests().stream().filter(r -> r.endpoint() == endpoint).toList();
  }

  public void clear() {
    synchronized (entries) {
      entries.clear();
    }
  }

  public void addListener(Consumer<LoggedRequest> listener) {
    listeners.add(listener);
  }
}
