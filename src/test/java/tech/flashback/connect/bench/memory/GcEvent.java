package tech.flashback.connect.bench.memory;

import java.time.Instant;

/**
 * One garbage collection pause as the JVM's unified GC log summarizes it ({@code -Xlog:gc}): e.g.
 * {@code GC(12) Pause Young (Normal) (G1 Evacuation Pause) 120M->45M(256M) 3.456ms}.
 *
 * @param time when it ended (the log's {@code utctime} decoration)
 * @param id the collection's number
 * @param kind what kind of pause, e.g. {@code Pause Young (Normal) (G1 Evacuation Pause)}
 * @param beforeBytes heap used before the pause
 * @param afterBytes heap used after the pause
 * @param capacityBytes heap committed
 * @param pauseMillis how long the pause took
 */
public record GcEvent(
    Instant time,
    int id,
    String kind,
    long beforeBytes,
    long afterBytes,
    long capacityBytes,
    double pauseMillis) {}
