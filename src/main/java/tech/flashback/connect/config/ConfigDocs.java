package tech.flashback.connect.config;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Comparator;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import org.apache.kafka.common.config.ConfigDef;
import org.apache.kafka.common.config.ConfigDef.ConfigKey;
import org.apache.kafka.common.config.ConfigDef.Type;

/**
 * Renders the configuration reference as Markdown from the {@link ConfigDef} itself, so the docs
 * cannot drift from the code. {@code mvn -Pdocs process-classes} writes {@code
 * docs/configuration.md}; a test fails when the committed copy is stale.
 */
public final class ConfigDocs {

  /** How to regenerate the file, for its header and the staleness test's message. */
  public static final String REGENERATE_COMMAND = "mvn -Pdocs process-classes";

  private ConfigDocs() {}

  /** Writes the reference to the file named by {@code args[0]}. */
  public static void main(String[] args) throws IOException {
    if (args.length != 1) {
      throw new IllegalArgumentException("usage: ConfigDocs <output file>");
    }
    Path target = Path.of(args[0]);
    if (target.getParent() != null) {
      Files.createDirectories(target.getParent());
    }
    Files.writeString(target, render(), StandardCharsets.UTF_8);
  }

  /** The whole reference: the connector's keys by group, then the internal task keys. */
  public static String render() {
    ConfigDef connector = FlashbackSourceConnectorConfig.configDef();
    StringBuilder out = new StringBuilder();
    out.append("<!-- Generated from the ConfigDef by ")
        .append(ConfigDocs.class.getName())
        .append("; do not edit. Regenerate with `")
        .append(REGENERATE_COMMAND)
        .append("`. -->\n\n")
        .append("# Configuration reference\n\n")
        .append("Keys of the Flashback source connector, by group. Connect's own keys ")
        .append("(`name`, `connector.class`, `tasks.max`, converters, `errors.tolerance`, ...) ")
        .append("work as usual and are not repeated here. Secrets are `password` keys: they ")
        .append("are hidden in logs and the REST API, and work with config providers such as ")
        .append("`${file:...}` and `${env:...}`.\n");
    for (String group : connector.groups()) {
      renderGroup(out, group, keysOf(connector, group, Set.of()));
    }
    ConfigDef task = FlashbackSourceTaskConfig.configDef();
    out.append("\n## ")
        .append(FlashbackSourceTaskConfig.INTERNAL_GROUP)
        .append(
            "\n\nThe connector adds these to each task's configuration; never set them by hand.\n");
    renderKeys(out, keysOf(task, FlashbackSourceTaskConfig.INTERNAL_GROUP, connector.names()));
    return out.toString();
  }

  private static List<ConfigKey> keysOf(ConfigDef def, String group, Set<String> skipped) {
    return def.configKeys().values().stream()
        .filter(key -> group.equals(key.group) && !skipped.contains(key.name))
        .sorted(Comparator.comparingInt(key -> key.orderInGroup))
        .toList();
  }

  private static void renderGroup(StringBuilder out, String group, List<ConfigKey> keys) {
    out.append("\n## ").append(group).append('\n');
    renderKeys(out, keys);
  }

  private static void renderKeys(StringBuilder out, List<ConfigKey> keys) {
    for (ConfigKey key : keys) {
      out.append("\n### `").append(key.name).append("`\n\n");
      out.append(key.documentation).append("\n\n");
      row(out, "Display name", key.displayName);
      row(out, "Type", key.type.name().toLowerCase(Locale.ROOT));
      row(out, "Default", defaultOf(key));
      row(out, "Valid values", validValuesOf(key));
      row(out, "Importance", key.importance.name().toLowerCase(Locale.ROOT));
    }
  }

  private static void row(StringBuilder out, String label, String value) {
    out.append("- ").append(label).append(": ").append(value).append('\n');
  }

  private static String validValuesOf(ConfigKey key) {
    if (key.validator != null) {
      return key.validator.toString();
    }
    return key.type == Type.BOOLEAN ? "true, false" : "any";
  }

  /** Secrets never show a default, not even a placeholder one; unset defaults read "none". */
  static String defaultOf(ConfigKey key) {
    if (!key.hasDefault()) {
      return "required";
    }
    if (key.type == Type.PASSWORD) {
      return key.defaultValue == null ? "none" : "(hidden)";
    }
    if (key.defaultValue == null) {
      return "none";
    }
    String value = ConfigDef.convertToString(key.defaultValue, key.type);
    return value.isEmpty() ? "empty" : "`" + value + "`";
  }
}
