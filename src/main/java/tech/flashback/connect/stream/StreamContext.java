package tech.flashback.connect.stream;

import tech.flashback.connect.client.FlashbackApiClient;
import tech.flashback.connect.metrics.TaskMetrics;

/**
 * What every stream of a task shares: the API client, the malformed-row policy, the buckets the API
 * refused, and the task's metrics.
 */
public record StreamContext(
    FlashbackApiClient client,
    MalformedRows malformedRows,
    DeniedBuckets denied,
    TaskMetrics metrics) {}
