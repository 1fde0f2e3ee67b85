package tech.flashback.connect.stream;

import java.time.Duration;

/**
 * What the daily node stream needs from the configuration.
 *
 * @param topic where the records go
 * @param settleDelay how long after UTC midnight a day counts as closed
 */
public record NodeDailySettings(String topic, Duration settleDelay) {}
