package tech.flashback.connect.simulator;

import java.util.List;
import java.util.NavigableMap;
import java.util.TreeMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.Consumer;

/**
 * Every request, in order of arrival, bounded (oldest dropped) so long benchmarks do not grow
 * without limit. Listeners see each request as it completes. Arrival, not completion: a client that
 * retries at once can have its next request answered and logged before the thread that answered the
 * previous one has logged it.
 */
public final class RequestLog {

  private final int capacity;
  private final NavigableMap<Long, LoggedRequest> entries = new TreeMap<>(); // by arrival
  private final AtomicLong arrivals = new AtomicLong();
  private final List<Consumer<LoggedRequest>> listeners = new CopyOnWriteArrayList<>();
  private int committedNotRecorded; // guarded by entries

  RequestLog(int capacity) {
    if (capacity < 1) {
      throw new IllegalArgumentException("capacity must be at least 1: " + capacity);
    }
    this.capacity = capacity;
  }

  /** Numbers a request as it arrives; its entry is recorded under that number. */
  long arrived() {
    return arrivals.incrementAndGet();
  }

  /** A response is about to complete on the wire; its entry follows within microseconds. */
  void responseCommitting() {
    synchronized (entries) {
      committedNotRecorded++;
    }
  }

  void record(long arrival, LoggedRequest request, boolean committed) {
    synchronized (entries) {
      entries.put(arrival, request);
      if (entries.size() > capacity) {
        entries.pollFirstEntry();
      }
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
      awaitStragglers();
      return List.copyOf(entries.values());
    }
  }

  /** Waits (up to 2 s) for the entries of responses already complete on the wire; lock held. */
  private void awaitStragglers() {
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
  }

  public List<LoggedRequest> requests(SimulatorEndpoint endpoint) {
    return requests().stream().filter(r -> r.endpoint() == endpoint).toList();
  }

  /**
   * Forgets every entry, those of responses a client has already received included: were they
   * written after the clear, a later look would count them as new requests.
   */
  public void clear() {
    synchronized (entries) {
      awaitStragglers();
      entries.clear();
    }
  }

  public void addListener(Consumer<LoggedRequest> listener) {
    listeners.add(listener);
  }
}
