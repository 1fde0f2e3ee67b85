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
    int requestLogCapacity) {}
