package tech.flashback.connect.client;

/**
 * A bucket the API refused to serve (HTTP 403 or 404). The caller skips it and keeps the others.
 *
 * @param bucketId the refused bucket
 * @param status the HTTP status, 403 or 404
 * @param message the server's message, if it sent one (token-free), else {@code null}
 */
public record BucketDenial(String bucketId, int status, String message) {}
