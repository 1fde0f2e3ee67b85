package tech.flashback.connect.client;

import java.util.EnumMap;
import java.util.Map;
import java.util.concurrent.atomic.LongAdder;

/**
 * Running counts of what the client did, per endpoint: HTTP requests sent, retries, errors by
 * {@link ErrorKind} and body bytes read (after decompression). Thread-safe; read by the task's
 * metrics.
 */
public final class ClientCounters {

  private final Map<Endpoint, LongAdder> requests = adders();
  private final Map<Endpoint, LongAdder> retries = adders();
  private final Map<Endpoint, LongAdder> bytesRead = adders();
  private final Map<Endpoint, Map<ErrorKind, LongAdder>> errors = new EnumMap<>(Endpoint.class);

  ClientCounters() {
    for (Endpoint endpoint : Endpoint.values()) {
      Map<ErrorKind, LongAdder> byKind = new EnumMap<>(ErrorKind.class);
      for (ErrorKind kind : ErrorKind.values()) {
        byKind.put(kind, new LongAdder());
      }
      errors.put(endpoint, byKind);
    }
  }

  private static Map<Endpoint, LongAdder> adders() {
    Map<Endpoint, LongAdder> map = new EnumMap<>(Endpoint.class);
    for (Endpoint endpoint : Endpoint.values()) {
      map.put(endpoint, new LongAdder());
    }
    return map;
  }

  /** HTTP requests sent, including retries. */
  public long requests(Endpoint endpoint) {
    return requests.get(endpoint).sum();
  }

  /** Requests repeated after a transient failure. */
  public long retries(Endpoint endpoint) {
    return retries.get(endpoint).sum();
  }

  /** Failed requests of one kind. */
  public long errors(Endpoint endpoint, ErrorKind kind) {
    return errors.get(endpoint).get(kind).sum();
  }

  /** Response body bytes read, after decompression. */
  public long bytesRead(Endpoint endpoint) {
    return bytesRead.get(endpoint).sum();
  }

  void recordRequest(Endpoint endpoint) {
    requests.get(endpoint).increment();
  }

  void recordRetry(Endpoint endpoint) {
    retries.get(endpoint).increment();
  }

  void recordError(Endpoint endpoint, ErrorKind kind) {
    errors.get(endpoint).get(kind).increment();
  }

  void recordBytes(Endpoint endpoint, long bytes) {
    bytesRead.get(endpoint).add(bytes);
  }
}
