package tech.flashback.connect.offset;

import java.util.AbstractMap;
import java.util.Map;
import java.util.Set;
import java.util.function.Supplier;

/**
 * An offset map built only when Connect reads it. Connect keeps each record's offset but serializes
 * only the latest acknowledged one per partition, so records whose offsets are large (the catalog's
 * whole state) can share the work: building every record's offset eagerly would cost time and
 * memory quadratic in the number of buckets.
 */
public final class LazyOffset extends AbstractMap<String, Object> {

  private final Supplier<Map<String, Object>> builder;
  private volatile Map<String, Object> built;

  public LazyOffset(Supplier<Map<String, Object>> builder) {
    this.builder = builder;
  }

  @Override
  public Set<Entry<String, Object>> entrySet() {
    Map<String, Object> map = built;
    if (map == null) {
      synchronized (this) {
        map = built;
        if (map == null) {
          map = Map.copyOf(builder.get());
          built = map;
        }
      }
    }
    return map.entrySet();
  }
}
