package tech.flashback.connect.bench.endtoend;

import java.lang.management.ManagementFactory;
import java.util.ArrayList;
import java.util.List;
import javax.management.JMException;
import javax.management.MBeanServer;
import javax.management.ObjectName;

/**
 * How the producers of a run batched, from their own metrics (JMX, averaged over the metrics'
 * sample window, 30 to 60 s by default, so over the whole of a run of that length): with {@code
 * max.in.flight.requests.per.connection=1} the rate is at most records per request over the request
 * latency, which tells a producer-bound run from a CPU-bound one.
 *
 * @param producers producers found
 * @param recordsPerRequest records per produce request, averaged over the producers
 * @param requestLatencyMs produce request round trip in ms, averaged over the producers
 * @param batchBytes bytes per partition batch, averaged over the producers
 * @param queueTimeMs how long a record waited in the producer's buffer, averaged
 */
record ProducerStats(
    int producers,
    double recordsPerRequest,
    double requestLatencyMs,
    double batchBytes,
    double queueTimeMs) {

  static final ProducerStats NONE = new ProducerStats(0, 0, 0, 0, 0);

  /** The producers whose client id starts with {@code clientIdPrefix}. */
  static ProducerStats read(String clientIdPrefix) {
    MBeanServer server = ManagementFactory.getPlatformMBeanServer();
    try {
      List<ObjectName> names = new ArrayList<>();
      for (ObjectName name :
          server.queryNames(new ObjectName("kafka.producer:type=producer-metrics,*"), null)) {
        String clientId = name.getKeyProperty("client-id");
        if (clientId != null && clientId.startsWith(clientIdPrefix)) {
          names.add(name);
        }
      }
      if (names.isEmpty()) {
        return NONE;
      }
      return new ProducerStats(
          names.size(),
          average(server, names, "records-per-request-avg"),
          average(server, names, "request-latency-avg"),
          average(server, names, "batch-size-avg"),
          average(server, names, "record-queue-time-avg"));
    } catch (JMException e) {
      return NONE;
    }
  }

  private static double average(MBeanServer server, List<ObjectName> names, String attribute)
      throws JMException {
    double sum = 0;
    for (ObjectName name : names) {
      Object value = server.getAttribute(name, attribute);
      sum += value instanceof Number n && !Double.isNaN(n.doubleValue()) ? n.doubleValue() : 0;
    }
    return sum / names.size();
  }
}
