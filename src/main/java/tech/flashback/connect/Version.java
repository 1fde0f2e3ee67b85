package tech.flashback.connect;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.util.Properties;

/** The connector's version, written into {@code version.properties} by the build. */
public final class Version {

  private static final String RESOURCE = "version.properties";
  private static final String VERSION = load();

  private Version() {}

  /** The Maven project version this plugin was built from, e.g. {@code 0.1.0}. */
  public static String get() {
    return VERSION;
  }

  private static String load() {
    try (InputStream in = Version.class.getResourceAsStream(RESOURCE)) {
      if (in == null) {
        throw new IllegalStateException("missing resource " + RESOURCE + " next to Version");
      }
      Properties properties = new Properties();
      properties.load(in);
      return properties.getProperty("version", "unknown").trim();
    } catch (IOException e) {
      throw new UncheckedIOException("cannot read " + RESOURCE, e);
    }
  }
}
