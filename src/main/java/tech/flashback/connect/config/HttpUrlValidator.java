package tech.flashback.connect.config;

import java.net.URI;
import java.net.URISyntaxException;
import java.util.Locale;
import org.apache.kafka.common.config.ConfigDef;
import org.apache.kafka.common.config.ConfigException;

/**
 * Accepts an absolute {@code http://} or {@code https://} URL with a host. Whether plain HTTP is
 * allowed is the client's rule, checked across keys by {@link ConfigValidation}.
 */
final class HttpUrlValidator implements ConfigDef.Validator {

  @Override
  public void ensureValid(String name, Object value) {
    String url = value == null ? "" : value.toString().strip();
    if (url.isEmpty()) {
      throw new ConfigException(name, value, "expected an http:// or https:// URL, not nothing");
    }
    if (!isHttpUrlWithHost(url)) {
      throw new ConfigException(
          name, shown(url), "expected an http:// or https:// URL with a host");
    }
  }

  private static boolean isHttpUrlWithHost(String url) {
    try {
      URI uri = new URI(url);
      String scheme = uri.getScheme() == null ? "" : uri.getScheme().toLowerCase(Locale.ROOT);
      return (scheme.equals("http") || scheme.equals("https")) && uri.getHost() != null;
    } catch (URISyntaxException e) {
      return false;
    }
  }

  /** A URL with user info may carry a password: never echo it. */
  private static String shown(String url) {
    return url.contains("@") ? "<a URL with user info>" : url;
  }

  @Override
  public String toString() {
    return "an http:// or https:// URL";
  }
}
