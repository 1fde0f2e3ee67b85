package tech.flashback.connect.offset;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.type.TypeReference;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.util.Collections;
import java.util.Map;
import java.util.NavigableMap;
import java.util.TreeMap;

/**
 * What the catalog stream has emitted: for every bucket with a live (non-tombstone) record, a
 * fingerprint of that record. After a restart, an unchanged bucket is not emitted again, a changed
 * one is, and one that disappeared while the connector was down still gets its tombstone.
 *
 * <p>Stored in the catalog partition's offset as {@code {"v": 1, "buckets": "{\"<id>\":
 * \"<fingerprint>\", ..}"}}: about 60 bytes per bucket, so well under Kafka's default 1 MB message
 * size up to roughly 15,000 buckets.
 */
public final class CatalogState {

  static final String BUCKETS = "buckets";
  private static final ObjectMapper JSON = new ObjectMapper();
  private static final TypeReference<TreeMap<String, String>> MAP_TYPE = new TypeReference<>() {};

  private final NavigableMap<String, String> fingerprints;

  private CatalogState(NavigableMap<String, String> fingerprints) {
    this.fingerprints = Collections.unmodifiableNavigableMap(fingerprints);
  }

  public static CatalogState empty() {
    return new CatalogState(new TreeMap<>());
  }

  public static CatalogState of(Map<String, String> fingerprints) {
    return new CatalogState(new TreeMap<>(fingerprints));
  }

  /** Bucket id to fingerprint of its emitted record, sorted by id. */
  public NavigableMap<String, String> fingerprints() {
    return fingerprints;
  }

  /** This state with one bucket upserted ({@code fingerprint} set) or deleted ({@code null}). */
  public CatalogState with(String bucketId, String fingerprint) {
    TreeMap<String, String> next = new TreeMap<>(fingerprints);
    if (fingerprint == null) {
      next.remove(bucketId);
    } else {
      next.put(bucketId, fingerprint);
    }
    return new CatalogState(next);
  }

  public Map<String, Object> toMap() {
    try {
      return Map.of(
          OffsetFields.VERSION,
          OffsetFields.CURRENT_VERSION,
          BUCKETS,
          JSON.writeValueAsString(fingerprints));
    } catch (JsonProcessingException e) {
      throw new IllegalStateException("cannot encode the catalog state", e);
    }
  }

  /** Reads a stored or operator-written offset; throws naming the bad field. */
  public static CatalogState fromMap(Map<String, ?> map) {
    OffsetFields.requireVersion(map);
    String encoded = OffsetFields.optionalString(map, BUCKETS);
    if (encoded == null) {
      throw OffsetFields.invalid(BUCKETS, "a JSON object of bucket id to fingerprint", null);
    }
    try {
      return new CatalogState(JSON.readValue(encoded, MAP_TYPE));
    } catch (JsonProcessingException e) {
      throw OffsetFields.invalid(
          BUCKETS, "a JSON object of bucket id to fingerprint", "unparseable text");
    }
  }

  @Override
  public boolean equals(Object o) {
    return o instanceof CatalogState other && fingerprints.equals(other.fingerprints);
  }

  @Override
  public int hashCode() {
    return fingerprints.hashCode();
  }

  @Override
  public String toString() {
    return "CatalogState" + fingerprints;
  }
}
