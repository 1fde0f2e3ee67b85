package tech.flashback.connect.simulator;

import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * One request as the simulator saw and answered it. {@code time} is the arrival per the simulator's
 * clock, {@code duration} is real elapsed time. {@code endpoint} is null for an unknown path;
 * {@code status} is 0 when no response was sent (a stall ended by close). {@code rows} counts data
 * rows sent (for a truncated body: rows of the full body it was cut from).
 */
public record LoggedRequest(
    Instant time,
    String method,
    SimulatorEndpoint endpoint,
    String path,
    String rawQuery,
    Map<String, String> query,
    List<String> bucketIds,
    String body,
    int status,
    long rows,
    Duration duration,
    Optional<Fault> fault) {

  /** Path plus query, as the client sent it. */
  public String target() {
    return rawQuery == null || rawQuery.isEmpty() ? path : path + "?" + rawQuery;
  }
}
