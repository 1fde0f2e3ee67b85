package tech.flashback.connect.client;

import java.io.IOException;
import okhttp3.Interceptor;
import okhttp3.Response;
import org.apache.kafka.common.config.types.Password;

/**
 * Adds the headers every API call carries. The token lives only here and in the request it builds;
 * OkHttp keeps {@code Authorization} out of its own error messages and drops it on redirects to
 * another host.
 */
final class ApiHeadersInterceptor implements Interceptor {

  private final Password token;
  private final String userAgent;

  ApiHeadersInterceptor(Password token, String userAgent) {
    this.token = token;
    this.userAgent = userAgent;
  }

  @Override
  public Response intercept(Chain chain) throws IOException {
    return chain.proceed(
        chain
            .request()
            .newBuilder()
            .header("Authorization", "Bearer " + token.value())
            .header("Accept", "application/json")
            .header("User-Agent", userAgent)
            .build());
  }
}
