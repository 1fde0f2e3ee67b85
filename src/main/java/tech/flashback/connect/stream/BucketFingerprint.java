package tech.flashback.connect.stream;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;
import java.util.Objects;
import tech.flashback.connect.client.model.Bucket;

/**
 * A short, stable digest of everything the catalog record of a bucket shows, so the catalog state
 * in the offset can tell a changed bucket from an unchanged one without holding whole records.
 */
final class BucketFingerprint {

  private static final int BYTES = 8;
  private static final char SEPARATOR = '\u001f';

  private BucketFingerprint() {}

  static String of(Bucket bucket) {
    StringBuilder canonical = new StringBuilder();
    for (Object field :
        new Object[] {
          bucket.id(),
          bucket.name(),
          bucket.storageType(),
          bucket.bucketName(),
          bucket.endpoint(),
          bucket.region(),
          bucket.status(),
          bucket.lastStatusAt(),
          bucket.createdAt(),
          bucket.workspaceId()
        }) {
      canonical.append(Objects.toString(field, "\u0000")).append(SEPARATOR);
    }
    try {
      byte[] digest =
          MessageDigest.getInstance("SHA-256")
              .digest(canonical.toString().getBytes(StandardCharsets.UTF_8));
      return HexFormat.of().formatHex(digest, 0, BYTES);
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException("every JVM has SHA-256", e);
    }
  }
}
