package tech.flashback.connect.simulator;

import java.time.Duration;
import org.apache.kafka.common.utils.Time;

/** Everything a {@link FlashbackSimulator} is started with; built by its builder or the CLI. */
public record SimulatorSettings(
    Time time,
    String bindAddress,
    int port,
    int threads,
    String token,
    DatasetConfig dataset,
    boolean dayGranularFiltering,
    boolean varyEncodings,
    Duration latency,
    double errorRate,
    double malformedRate,
    int requestLogCapacity) {

  public SimulatorSettings {
    if (port < 0 || port > 65_535) {
      throw new IllegalArgumentException("port must be in [0, 65535]: " + port);
    }
    if (threads < 1) {
      throw new IllegalArgumentException("threads must be at least 1: " + threads);
    }
    if (token == null || token.isBlank()) {
      throw new IllegalArgumentException("token must not be blank");
    }
    if (latency.isNegative()) {
      throw new IllegalArgumentException("latency must not be negative: " + latency);
    }
    requireRate("errorRate", errorRate);
    requireRate("malformedRate", malformedRate);
    if (requestLogCapacity < 1) {
      throw new IllegalArgumentException("requestLogCapacity must be at least 1");
    }
  }

  private static void requireRate(String name, double rate) {
    if (rate < 0 || rate > 1) {
      throw new IllegalArgumentException(name + " must be in [0, 1]: " + rate);
    }
  }
}
