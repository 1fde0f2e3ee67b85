package tech.flashback.connect.client.model;

/**
 * A row of an otherwise good response that could not be read. The caller decides what to do with it
 * (fail, skip, or forward it to an error topic); the rest of the response is unaffected.
 *
 * @param bucketId the bucket the row belongs to, when that much could be read; else {@code null}
 * @param rawJson the row as received, with the bucket credential fields removed
 * @param reason what was wrong, naming the field and what was expected
 */
public record RowProblem(String bucketId, String rawJson, String reason) {}
