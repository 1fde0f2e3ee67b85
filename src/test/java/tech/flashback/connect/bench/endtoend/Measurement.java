package tech.flashback.connect.bench.endtoend;

import java.time.Duration;

/**
 * One timed run of the connector or of the baseline producer.
 *
 * @param kind what ran, e.g. "connector, 4 tasks"
 * @param timedRecords records written inside the timed interval
 * @param timed the timed interval: first record to last for the connector, first send to the last
 *     acknowledgement for the producer
 * @param fromStart from connector creation (or producer creation) to the last record
 * @param audit what the topic held afterwards
 * @param cpu where the CPU went during the timed interval
 * @param producers how the run's producers batched
 */
record Measurement(
    String kind,
    long timedRecords,
    Duration timed,
    Duration fromStart,
    TopicAudit audit,
    CpuMeter.Use cpu,
    ProducerStats producers) {

  Measurement withAudit(TopicAudit topicAudit) {
    return new Measurement(kind, timedRecords, timed, fromStart, topicAudit, cpu, producers);
  }

  double recordsPerSecond() {
    return timedRecords / seconds(timed);
  }

  /** Key and value bytes per second, at the topic's average record size. */
  double bytesPerSecond() {
    return recordsPerSecond() * audit.bytes() / audit.records();
  }

  /** All records over the time from creation, startup included. */
  double recordsPerSecondFromStart() {
    return audit.records() / seconds(fromStart);
  }

  /** CPU microseconds per record of a thread group. */
  double cpuMicrosPerRecord(String group) {
    return cpu.byGroup().getOrDefault(group, 0.0) * 1e6 / timedRecords;
  }

  private static double seconds(Duration duration) {
    return duration.toNanos() / 1e9;
  }
}
