package tech.flashback.connect.simulator;

import java.time.Instant;
import java.util.List;

/**
 * One bucket as {@code GET /bucket} lists it, including its (fake) storage credentials: {@code key}
 * and {@code secret.accessKeySecret}.
 */
public record SimBucket(
    String id,
    String name,
    String storageType,
    String bucket,
    String key,
    String accessKeySecret,
    String endpoint,
    String region,
    String status,
    Instant lastStatusAt,
    Instant createdAt,
    String workspaceId) {

  /** The credential strings, for tests that scan records and logs for leaks. */
  public List<String> credentialValues() {
    return List.of(key, accessKeySecret);
  }
}
