package tech.flashback.connect.config;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.function.Predicate;
import org.apache.kafka.common.config.ConfigDef;

/**
 * What a configuration UI (Confluent Control Center, the Connect REST validate call) offers for a
 * key: its choices, and whether it is worth showing given the other values (a proxy password only
 * matters once a proxy host is set). It never adds errors: validators and {@link ConfigValidation}
 * do that.
 */
final class Recommendation implements ConfigDef.Recommender {

  private final List<Object> choices;
  private final Predicate<Map<String, Object>> visible;

  private Recommendation(List<?> choices, Predicate<Map<String, Object>> visible) {
    this.choices = List.copyOf(choices);
    this.visible = visible;
  }

  /** Offers these choices, always visible. */
  static Recommendation choices(List<?> choices) {
    return new Recommendation(choices, parsed -> true);
  }

  /** No choices; visible once {@code parentKey} has a non-blank value. */
  static Recommendation visibleWhenSet(String parentKey) {
    return new Recommendation(List.of(), isSet(parentKey));
  }

  /** Offers these choices; visible once {@code parentKey} has a non-blank value. */
  static Recommendation choicesWhenSet(List<?> choices, String parentKey) {
    return new Recommendation(choices, isSet(parentKey));
  }

  /** No choices; visible while {@code parentKey} has the given value. */
  static Recommendation visibleWhenEquals(String parentKey, Object value) {
    return new Recommendation(List.of(), parsed -> Objects.equals(parsed.get(parentKey), value));
  }

  private static Predicate<Map<String, Object>> isSet(String key) {
    return parsed -> parsed.get(key) != null && !parsed.get(key).toString().isBlank();
  }

  @Override
  public List<Object> validValues(String name, Map<String, Object> parsedConfig) {
    return new ArrayList<>(choices); // ConfigDef may remove from the returned list
  }

  @Override
  public boolean visible(String name, Map<String, Object> parsedConfig) {
    return visible.test(parsedConfig);
  }
}
