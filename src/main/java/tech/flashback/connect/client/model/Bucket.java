package tech.flashback.connect.client.model;

import java.time.Instant;
import java.util.Objects;

/**
 * One bucket of the catalog ({@code GET /bucket}).
 *
 * <p>The API also sends the bucket's storage credentials ({@code key}, {@code secret}); they are
 * deliberately not part of this type, so they can never travel further than the parser.
 *
 * @param id the bucket's id (required)
 * @param name display name
 * @param storageType {@code S3}, {@code GCS}, {@code BLOB} or whatever the API sends
 * @param bucketName the name of the bucket at the storage provider (the API's {@code bucket})
 * @param endpoint the storage endpoint
 * @param region the storage region
 * @param status the bucket's status as reported by the API
 * @param lastStatusAt when the status was last checked
 * @param createdAt when the bucket was created
 * @param workspaceId the workspace the bucket belongs to
 */
public record Bucket(
    String id,
    String name,
    String storageType,
    String bucketName,
    String endpoint,
    String region,
    String status,
    Instant lastStatusAt,
    Instant createdAt,
    String workspaceId) {

  public Bucket {
    Objects.requireNonNull(id, "id");
  }
}
