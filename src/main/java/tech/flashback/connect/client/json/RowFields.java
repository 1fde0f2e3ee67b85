package tech.flashback.connect.client.json;

import com.fasterxml.jackson.core.io.SerializedString;
import java.util.HashMap;
import java.util.Map;

/**
 * The fields a mapper reads from its rows, as an enum whose order is the order the API documents
 * them in. {@link RowCursor} predicts each row's next field from it (and from the order the rows of
 * the response actually use), and lets Jackson match the predicted name against the raw bytes
 * instead of decoding and looking up every name.
 *
 * @param <F> the mapper's field enum
 */
public final class RowFields<F extends Enum<F> & RowFields.Field> {

  /** A field of a row, by its name in the JSON. */
  public interface Field {
    String jsonName();
  }

  private final F[] fields;
  private final SerializedString[] names;
  private final Map<String, F> byName = new HashMap<>();

  private RowFields(Class<F> type) {
    this.fields = type.getEnumConstants();
    this.names = new SerializedString[fields.length];
    for (F field : fields) {
      names[field.ordinal()] = new SerializedString(field.jsonName());
      byName.put(field.jsonName(), field);
    }
  }

  public static <F extends Enum<F> & Field> RowFields<F> of(Class<F> type) {
    return new RowFields<>(type);
  }

  int size() {
    return fields.length;
  }

  F field(int index) {
    return fields[index];
  }

  SerializedString name(int index) {
    return names[index];
  }

  /** The field of this name, or {@code null} for a field the mapper does not read. */
  F byName(String name) {
    return byName.get(name);
  }
}
