package tech.flashback.connect.config;

import java.util.HashSet;
import java.util.List;
import java.util.Set;
import org.apache.kafka.common.config.ConfigDef;
import org.apache.kafka.common.config.ConfigException;

/**
 * Accepts a list of ids without empty items ({@code a,,b} or a trailing comma is always a typo) and
 * without duplicates (a bucket listed twice would be fetched and emitted twice). May be empty.
 */
final class IdListValidator implements ConfigDef.Validator {

  @Override
  public void ensureValid(String name, Object value) {
    if (!(value instanceof List<?> items)) {
      return; // null: a required key's absence is reported by the ConfigDef itself
    }
    Set<String> seen = new HashSet<>();
    for (Object item : items) {
      String id = item == null ? "" : item.toString();
      if (id.isBlank()) {
        throw new ConfigException(name, value, "expected comma-separated ids without empty items");
      }
      if (!seen.add(id)) {
        throw new ConfigException(name, value, "id '" + id + "' is listed more than once");
      }
    }
  }

  @Override
  public String toString() {
    return "comma-separated ids, no empty items or duplicates";
  }
}
