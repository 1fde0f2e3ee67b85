package tech.flashback.connect.client;

import java.net.InetSocketAddress;
import java.net.Proxy;
import okhttp3.ConnectionPool;
import okhttp3.Credentials;
import okhttp3.OkHttpClient;

/** Builds the one {@link OkHttpClient} (and so the one connection pool) a client uses. */
final class OkHttpClientFactory {

  private static final String PROXY_AUTHORIZATION = "Proxy-Authorization";

  private OkHttpClientFactory() {}

  static OkHttpClient create(ApiClientSettings settings, String userAgent) {
    OkHttpClient.Builder builder =
        new OkHttpClient.Builder()
            .connectionPool(new ConnectionPool())
            .connectTimeout(settings.connectTimeout())
            .readTimeout(settings.readTimeout())
            .writeTimeout(settings.writeTimeout())
            .callTimeout(settings.callTimeout())
            // Never follow an https -> http redirect: the token would travel unencrypted.
            .followSslRedirects(false)
            .addInterceptor(new ApiHeadersInterceptor(settings.token(), userAgent));
    if (settings.proxy() != null) {
      configureProxy(builder, settings.proxy());
    }
    if (settings.trustStore() != null) {
      TrustStoreLoader.Tls tls = TrustStoreLoader.load(settings.trustStore());
      builder.sslSocketFactory(tls.context().getSocketFactory(), tls.trustManager());
    }
    return builder.build();
  }

  private static void configureProxy(OkHttpClient.Builder builder, HttpProxy proxy) {
    builder.proxy(
        new Proxy(Proxy.Type.HTTP, InetSocketAddress.createUnresolved(proxy.host(), proxy.port())));
    if (proxy.username() != null) {
      String credentials =
          Credentials.basic(
              proxy.username(), proxy.password() == null ? "" : proxy.password().value());
      builder.proxyAuthenticator(
          (route, response) ->
              // Answer a 407 once; if the proxy refuses the credentials, give up.
              response.request().header(PROXY_AUTHORIZATION) != null
                  ? null
                  : response
                      .request()
                      .newBuilder()
                      .header(PROXY_AUTHORIZATION, credentials)
                      .build());
    }
  }
}
