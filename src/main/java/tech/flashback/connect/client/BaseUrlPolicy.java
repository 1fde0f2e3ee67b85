package tech.flashback.connect.client;

import java.util.Locale;
import java.util.regex.Pattern;
import okhttp3.HttpUrl;

/**
 * Checks the API base URL before any request is made: it must be http(s), carry no user info
 * (credentials belong in the token, not the URL) and use TLS unless the host is loopback or plain
 * HTTP was explicitly allowed, so a token is never sent in clear text by accident.
 */
final class BaseUrlPolicy {

  private static final Pattern IPV4_LOOPBACK = Pattern.compile("127(\\.\\d{1,3}){3}");

  private BaseUrlPolicy() {}

  static HttpUrl check(String baseUrl, boolean allowInsecureHttp) {
    HttpUrl url = HttpUrl.parse(baseUrl.strip());
    if (url == null) {
      throw new IllegalArgumentException(
          "API base URL is not a valid http:// or https:// URL: " + baseUrlForMessage(baseUrl));
    }
    if (!url.username().isEmpty() || !url.password().isEmpty()) {
      throw new IllegalArgumentException(
          "API base URL must not contain user info; the token authenticates the connector");
    }
    if (!url.isHttps() && !allowInsecureHttp && !isLoopback(url.host())) {
      throw new IllegalArgumentException(
          "API base URL "
              + url.scheme()
              + "://"
              + url.host()
              + " uses plain HTTP to a non-loopback host, which would send the token"
              + " unencrypted; use https:// or explicitly allow insecure HTTP");
    }
    return url;
  }

  static boolean isLoopback(String host) {
    String h = host.toLowerCase(Locale.ROOT);
    return h.equals("localhost")
        || h.endsWith(".localhost")
        || h.equals("::1")
        || h.equals("0:0:0:0:0:0:0:1")
        || IPV4_LOOPBACK.matcher(h).matches();
  }

  /** Shows scheme and host only: a malformed URL may still carry user info. */
  private static String baseUrlForMessage(String baseUrl) {
    String value = baseUrl.strip();
    int at = value.indexOf('@');
    return at < 0 ? value : "<url with user info>";
  }
}
