package tech.flashback.connect.client.json;

/**
 * Turns one {@link RawRow} into a typed model, or says precisely what is wrong with it.
 *
 * @param <T> the model type
 */
public interface RowMapper<T> {

  /** Maps the row, or throws naming the field and what was expected. */
  T map(RawRow row) throws MalformedRowException;

  /** The bucket a row belongs to, as far as it can be read, for error reports. */
  default String bucketIdOf(RawRow row) {
    return row.stringOrNull("bucketId");
  }
}
