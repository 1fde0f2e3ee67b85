package tech.flashback.connect.testing;

import com.fasterxml.jackson.core.type.TypeReference;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.io.Reader;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Properties;
import java.util.regex.Pattern;

/** The config files under config/, read as Connect reads them: properties files or REST JSON. */
public final class ConfigFiles {

  /**
   * A config provider reference as a worker resolves it, {@code ${provider:path:key}} or {@code
   * ${provider:key}}: group 1 the provider, 2 the path (may be absent), 3 the key.
   */
  public static final Pattern PROVIDER_REFERENCE =
      Pattern.compile("\\$\\{([^:}]+):(?:([^:}]*):)?([^}]+)}");

  private static final ObjectMapper JSON = new ObjectMapper();

  private ConfigFiles() {}

  /** The keys and values of a {@code .properties} or {@code .json} config, in file order. */
  public static Map<String, String> load(Path file) {
    try {
      if (file.toString().endsWith(".json")) {
        return JSON.readValue(file.toFile(), new TypeReference<LinkedHashMap<String, String>>() {});
      }
      Properties properties = new Properties();
      try (Reader in = Files.newBufferedReader(file)) {
        properties.load(in);
      }
      Map<String, String> props = new LinkedHashMap<>();
      properties.forEach((k, v) -> props.put((String) k, (String) v));
      return props;
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }
}
