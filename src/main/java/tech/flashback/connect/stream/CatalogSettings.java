package tech.flashback.connect.stream;

import java.time.Duration;
import java.util.function.Predicate;
import tech.flashback.connect.client.model.Bucket;

/**
 * What the catalog stream needs from the configuration.
 *
 * @param topic where the records go (a compacted topic)
 * @param interval how often the catalog is listed
 * @param workspaceId the workspace to list, or {@code null} for all buckets the token sees
 * @param selection which listed buckets belong to the connector
 */
public record CatalogSettings(
    String topic, Duration interval, String workspaceId, Predicate<Bucket> selection) {}
