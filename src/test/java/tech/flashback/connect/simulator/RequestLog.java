package tech.flashback.connect.simulator;

import java.util.ArrayDeque;
import java.util.Deque;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.function.Consumer;

/**
 * Every request, in arrival-of-completion order, bounded (oldest dropped) so long benchmarks do not
 * grow without limit. Listeners see each request as it completes.
 */
public final class RequestLog {

  private final int capacity;
  private final Deque<LoggedRequest> entries = new ArrayDeque<>();
  private final List<Consumer<LoggedRequest>> listeners = new CopyOnWriteArrayList<>();

  RequestLog(int capacity) {
    if (capacity < 1) {
      throw new IllegalArgumentException("capacity must be at least 1: " + capacity);
    }
    this.capacity = capacity;
  }

  void record(LoggedRequest request) {
    synchronized (entries) {
      if (entries.size() == capacity) {
        entries.removeFirst();
      }
      entries.addLast(request);
    }
    listeners.forEach(listener -> listener.accept(request));
  }

  public List<LoggedRequest> requests() {
    synchronized (entries) {
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
