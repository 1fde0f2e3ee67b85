package tech.flashback.connect.simulator;

import java.time.Duration;
import java.util.EnumMap;
import java.util.Map;
import java.util.Optional;
import java.util.OptionalInt;
import java.util.Queue;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.Consumer;

/**
 * The faults in force, per endpoint: added latency, a rate of 503s, a rate of malformed rows, a
 * queue of one-shot faults, and buckets answered with 403/404. Thread-safe and changeable while the
 * server runs.
 */
public final class FaultPlan {

  private final long seed;
  private final Map<SimulatorEndpoint, EndpointFaults> endpoints =
      new EnumMap<>(SimulatorEndpoint.class);
  private final Map<String, Integer> deniedBuckets = new ConcurrentHashMap<>();

  FaultPlan(long seed) {
    this.seed = seed;
    for (SimulatorEndpoint endpoint : SimulatorEndpoint.values()) {
      endpoints.put(endpoint, new EndpointFaults());
    }
  }

  public FaultPlan latency(SimulatorEndpoint endpoint, Duration latency) {
    if (latency.isNegative()) {
      throw new IllegalArgumentException("latency must not be negative: " + latency);
    }
    endpoints.get(endpoint).latency = latency;
    return this;
  }

  public FaultPlan latency(Duration latency) {
    forEach(endpoint -> latency(endpoint, latency));
    return this;
  }

  /** Rate in [0, 1] of requests answered with 503, drawn from the seed and a request counter. */
  public FaultPlan errorRate(SimulatorEndpoint endpoint, double rate) {
    endpoints.get(endpoint).errorRate = checkRate(rate);
    return this;
  }

  public FaultPlan errorRate(double rate) {
    forEach(endpoint -> errorRate(endpoint, rate));
    return this;
  }

  /** Rate in [0, 1] of rows replaced by a broken variant; see {@link MalformedRowPlan}. */
  public FaultPlan malformedRate(SimulatorEndpoint endpoint, double rate) {
    endpoints.get(endpoint).malformedRate = checkRate(rate);
    return this;
  }

  public FaultPlan malformedRate(double rate) {
    forEach(endpoint -> malformedRate(endpoint, rate));
    return this;
  }

  /** The next {@code count} requests to this endpoint get {@code fault}, before any other. */
  public FaultPlan failNext(SimulatorEndpoint endpoint, int count, Fault fault) {
    for (int i = 0; i < count; i++) {
      endpoints.get(endpoint).queue.add(fault);
    }
    return this;
  }

  /**
   * Answer requests naming this bucket with 403 or 404: a POST for it, or a GET whose bucketId list
   * contains it (the whole request fails). The listing still shows it.
   */
  public FaultPlan denyBucket(String bucketId, int status) {
    if (status != 403 && status != 404) {
      throw new IllegalArgumentException("status must be 403 or 404: " + status);
    }
    deniedBuckets.put(bucketId, status);
    return this;
  }

  public FaultPlan allowBucket(String bucketId) {
    deniedBuckets.remove(bucketId);
    return this;
  }

  /** Back to no faults at all. */
  public FaultPlan clear() {
    forEach(
        endpoint -> {
          EndpointFaults faults = endpoints.get(endpoint);
          faults.latency = Duration.ZERO;
          faults.errorRate = 0;
          faults.malformedRate = 0;
          faults.queue.clear();
        });
    deniedBuckets.clear();
    return this;
  }

  public Duration latency(SimulatorEndpoint endpoint) {
    return endpoints.get(endpoint).latency;
  }

  public double errorRate(SimulatorEndpoint endpoint) {
    return endpoints.get(endpoint).errorRate;
  }

  public double malformedRate(SimulatorEndpoint endpoint) {
    return endpoints.get(endpoint).malformedRate;
  }

  public int pendingFaults(SimulatorEndpoint endpoint) {
    return endpoints.get(endpoint).queue.size();
  }

  public OptionalInt deniedStatus(String bucketId) {
    Integer status = deniedBuckets.get(bucketId);
    return status == null ? OptionalInt.empty() : OptionalInt.of(status);
  }

  /** The fault for the next request: a queued one first, else a drawn 503, else none. */
  Optional<Fault> nextFault(SimulatorEndpoint endpoint) {
    EndpointFaults faults = endpoints.get(endpoint);
    Fault queued = faults.queue.poll();
    if (queued != null) {
      return Optional.of(queued);
    }
    long n = faults.requests.getAndIncrement();
    double rate = faults.errorRate;
    if (rate > 0 && SplitMix64.unit(SplitMix64.hash(seed, 0xE77L + endpoint.ordinal(), n)) < rate) {
      return Optional.of(Fault.serviceUnavailable());
    }
    return Optional.empty();
  }

  private void forEach(Consumer<SimulatorEndpoint> action) {
    for (SimulatorEndpoint endpoint : SimulatorEndpoint.values()) {
      action.accept(endpoint);
    }
  }

  private static double checkRate(double rate) {
    if (rate < 0 || rate > 1) {
      throw new IllegalArgumentException("rate must be in [0, 1]: " + rate);
    }
    return rate;
  }

  private static final class EndpointFaults {
    volatile Duration latency = Duration.ZERO;
    volatile double errorRate;
    volatile double malformedRate;
    final Queue<Fault> queue = new ConcurrentLinkedQueue<>();
    final AtomicLong requests = new AtomicLong();
  }
}
