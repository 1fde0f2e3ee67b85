package tech.flashback.connect.client.json;

import java.io.IOException;

/**
 * Turns one row into a typed model, or says precisely what is wrong with it.
 *
 * <p>{@link #map} is the reference: it reads a {@link RawRow}, which holds every value as it was
 * sent. {@link #read} may read the fields straight from the parser instead, which is several times
 * faster for large responses; it must give the same model wherever it gives one, and throws for any
 * row it does not take, which {@link ResponseReader} then reads again into a {@link RawRow} for
 * {@link #map}. So a mapper's rules live in one place, and every report comes from {@link #map}.
 *
 * @param <T> the model type
 */
public interface RowMapper<T> {

  /** Maps the row, or throws naming the field and what was expected. */
  T map(RawRow row) throws MalformedRowException;

  /**
   * Reads the row whose start the cursor stands after; by default through {@link #map}.
   *
   * @throws MalformedRowException for any row it does not take (its message is not used)
   */
  default T read(RowCursor row) throws IOException, MalformedRowException {
    return map(row.toRawRow());
  }

  /** The bucket a row belongs to, as far as it can be read, for error reports. */
  default String bucketIdOf(RawRow row) {
    return row.stringOrNull("bucketId");
  }
}
