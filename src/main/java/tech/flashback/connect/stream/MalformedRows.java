package tech.flashback.connect.stream;

import java.time.Instant;
import java.util.List;
import java.util.Map;
import org.apache.kafka.connect.errors.ConnectException;
import org.apache.kafka.connect.source.SourceRecord;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import tech.flashback.connect.client.model.RowProblem;
import tech.flashback.connect.config.MalformedRowPolicy;
import tech.flashback.connect.config.StreamKind;
import tech.flashback.connect.metrics.TaskMetrics;
import tech.flashback.connect.record.MalformedRowRecords;

/**
 * Applies the malformed-row policy: fail the task, skip with a warning and a metric, or send the
 * row to the error topic. Nothing is dropped silently: every row is counted in the metric.
 */
public final class MalformedRows {

  private static final Logger log = LoggerFactory.getLogger(MalformedRows.class);

  private final MalformedRowPolicy policy;
  private final String errorTopic;
  private final TaskMetrics metrics;

  public MalformedRows(MalformedRowPolicy policy, String errorTopic, TaskMetrics metrics) {
    this.policy = policy;
    this.errorTopic = errorTopic;
    this.metrics = metrics;
  }

  /**
   * Handles one row problem.
   *
   * @param partition the partition to attach to an error record
   * @param offset an offset for that partition that claims nothing new
   * @return the error record, or {@code null} when the policy sends none
   * @throws ConnectException under the {@code fail} policy
   */
  public SourceRecord handle(
      StreamKind stream,
      RowProblem problem,
      Map<String, ?> partition,
      Map<String, ?> offset,
      Instant detectedAt) {
    metrics.malformedRow(stream);
    return switch (policy) {
      case FAIL ->
          throw new ConnectException(
              "Malformed "
                  + stream.streamName()
                  + " row from the Flashback API"
                  + bucketText(problem)
                  + ": "
                  + problem.reason()
                  + "; raw row: "
                  + problem.rawJson()
                  + " (set flashback.malformed.row.policy to skip or error-topic to go on)");
      case SKIP -> {
        log.warn(
            "Skipping malformed {} row{}: {}; raw row: {}",
            stream.streamName(),
            bucketText(problem),
            problem.reason(),
            problem.rawJson());
        yield null;
      }
      case ERROR_TOPIC ->
          MalformedRowRecords.toRecord(
              partition, offset, errorTopic, stream.streamName(), problem, detectedAt);
    };
  }

  /**
   * The asked bucket an error record is attached to: the problem's own bucket when it names one of
   * them, else the first asked (a row without a readable bucket id still needs a partition).
   */
  static String attachTo(RowProblem problem, List<String> askedBuckets) {
    String bucket = problem.bucketId();
    return bucket != null && askedBuckets.contains(bucket) ? bucket : askedBuckets.get(0);
  }

  private static String bucketText(RowProblem problem) {
    return problem.bucketId() == null ? "" : " of bucket " + problem.bucketId();
  }
}
