package tech.flashback.connect.client;

import java.io.IOException;
import java.io.InputStream;
import java.io.InterruptedIOException;
import java.net.ConnectException;
import java.net.SocketTimeoutException;
import java.net.URLEncoder;
import java.net.UnknownHostException;
import java.nio.charset.StandardCharsets;
import java.security.cert.CertificateException;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.Collection;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ThreadLocalRandom;
import java.util.function.DoubleSupplier;
import java.util.function.Function;
import java.util.stream.Collectors;
import javax.net.ssl.SSLHandshakeException;
import okhttp3.Call;
import okhttp3.HttpUrl;
import okhttp3.MediaType;
import okhttp3.OkHttpClient;
import okhttp3.Request;
import okhttp3.RequestBody;
import okhttp3.Response;
import okhttp3.ResponseBody;
import org.apache.kafka.common.utils.Time;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import tech.flashback.connect.Version;
import tech.flashback.connect.client.json.BucketMapper;
import tech.flashback.connect.client.json.BucketTotalsMapper;
import tech.flashback.connect.client.json.MalformedResponseException;
import tech.flashback.connect.client.json.MinuteStatMapper;
import tech.flashback.connect.client.json.NodeDailyStatMapper;
import tech.flashback.connect.client.json.ParsedResponse;
import tech.flashback.connect.client.json.ResponseReader;
import tech.flashback.connect.client.json.RowMapper;
import tech.flashback.connect.client.model.Bucket;
import tech.flashback.connect.client.model.BucketTotals;
import tech.flashback.connect.client.model.MinuteStat;
import tech.flashback.connect.client.model.NodeDailyStat;
import tech.flashback.connect.client.model.RowProblem;
import tech.flashback.connect.client.retry.RetryAfter;
import tech.flashback.connect.client.retry.RetryPolicy;

/**
 * The {@link FlashbackApiClient} over OkHttp. All four calls go through one path: build the
 * request, pace it, send it, classify the answer, parse the body as a stream, retry what is
 * transient. Multi-bucket calls are split into chunks of ids; a chunk refused with 403/404 is split
 * in halves until the refused buckets are isolated, so one bad bucket costs only its own rows.
 */
public final class OkHttpFlashbackApiClient implements FlashbackApiClient {

  /** {@code kafka-connect-flashback/<version>}, sent as the {@code User-Agent}. */
  public static final String USER_AGENT = "kafka-connect-flashback/" + Version.get();

  private static final Logger log = LoggerFactory.getLogger(OkHttpFlashbackApiClient.class);
  private static final MediaType JSON = MediaType.get("application/json; charset=utf-8");
  private static final DateTimeFormatter API_INSTANT =
      DateTimeFormatter.ofPattern("uuuu-MM-dd'T'HH:mm:ss.SSS'Z'").withZone(ZoneOffset.UTC);
  private static final int MAX_ERROR_BODY_BYTES = 8_192;

  private final ApiClientSettings settings;
  private final HttpUrl baseUrl;
  private final OkHttpClient http;
  private final Time time;
  private final RetryPolicy retryPolicy;
  private final RequestPacer pacer;
  private final CloseSignal closeSignal = new CloseSignal();
  private final Sleeper sleeper;
  private final Redactor redactor;
  private final ClientCounters counters = new ClientCounters();
  private final ResponseReader reader = new ResponseReader();
  private final Set<Call> inFlight = ConcurrentHashMap.newKeySet();

  /**
   * @param settings what to connect to and how
   * @param time the clock, for pacing and {@code Retry-After} dates
   * @throws IllegalArgumentException if the base URL or trust store is unusable
   */
  public OkHttpFlashbackApiClient(ApiClientSettings settings, Time time) {
    this(settings, time, () -> ThreadLocalRandom.current().nextDouble(), null);
  }

  OkHttpFlashbackApiClient(
      ApiClientSettings settings, Time time, DoubleSupplier jitter, Sleeper sleeper) {
    this.settings = settings;
    this.baseUrl = BaseUrlPolicy.check(settings.baseUrl(), settings.allowInsecureHttp());
    this.time = time;
    this.retryPolicy =
        new RetryPolicy(
            settings.maxAttempts(),
            settings.initialBackoff(),
            settings.maxBackoff(),
            settings.maxRetryAfter(),
            jitter);
    this.pacer = new RequestPacer(time, settings.maxRequestsPerSecond());
    this.sleeper = sleeper == null ? closeSignal : sleeper;
    this.redactor =
        new Redactor(
            settings.token(),
            settings.proxy() == null ? null : settings.proxy().password(),
            settings.trustStore() == null ? null : settings.trustStore().password());
    this.http = OkHttpClientFactory.create(settings, USER_AGENT);
  }

  @Override
  public ApiResult<Bucket> listBuckets() {
    return listBuckets(null);
  }

  @Override
  public ApiResult<Bucket> listBuckets(String workspaceId) {
    HttpUrl.Builder url = url("bucket");
    if (workspaceId != null && !workspaceId.isBlank()) {
      url.addQueryParameter("workspaceId", workspaceId);
    }
    ApiCall call = new ApiCall(Endpoint.LIST_BUCKETS, url.build(), null, List.of());
    Attempt<Bucket> outcome = execute(call, new BucketMapper());
    if (outcome instanceof Denied<Bucket> denied) {
      counters.recordError(Endpoint.LIST_BUCKETS, ErrorKind.REQUEST);
      throw new ApiRequestException(
          Endpoint.LIST_BUCKETS,
          denied.status(),
          "Flashback API refused the bucket listing (HTTP "
              + denied.status()
              + ")"
              + suffix(denied.message())
              + "; check the workspace id and the token's permissions",
          null);
    }
    return ((Done<Bucket>) outcome).result();
  }

  @Override
  public ApiResult<BucketTotals> bucketTotals(Collection<String> bucketIds) {
    return fetchForBuckets(
        bucketIds,
        settings.bucketIdsPerRequest(),
        chunk ->
            new ApiCall(
                Endpoint.BUCKET_TOTALS,
                url("bucket/stats").addEncodedQueryParameter("bucketId", joinIds(chunk)).build(),
                null,
                chunk),
        new BucketTotalsMapper());
  }

  @Override
  public ApiResult<NodeDailyStat> nodeDailyStats(String bucketId, LocalDate day) {
    Objects.requireNonNull(bucketId, "bucketId");
    String body = "{\"day\":\"" + API_INSTANT.format(day.atStartOfDay(ZoneOffset.UTC)) + "\"}";
    return fetchForBuckets(
        List.of(bucketId),
        1,
        chunk ->
            new ApiCall(
                Endpoint.NODE_DAILY,
                url("bucket").addPathSegment(bucketId).addPathSegment("stats").build(),
                body,
                chunk),
        new NodeDailyStatMapper(bucketId, day));
  }

  @Override
  public ApiResult<MinuteStat> minuteStats(
      Collection<String> bucketIds, Instant start, Instant end) {
    String startDate = API_INSTANT.format(start);
    String endDate = API_INSTANT.format(end);
    return fetchForBuckets(
        bucketIds,
        settings.bucketIdsPerRequest(),
        chunk ->
            new ApiCall(
                Endpoint.MINUTE_STATS,
                url("stats/minute")
                    .addQueryParameter("startDate", startDate)
                    .addQueryParameter("endDate", endDate)
                    .addEncodedQueryParameter("bucketId", joinIds(chunk))
                    .build(),
                null,
                chunk),
        new MinuteStatMapper());
  }

  @Override
  public ClientCounters counters() {
    return counters;
  }

  @Override
  public void close() {
    if (closeSignal.close()) {
      inFlight.forEach(Call::cancel);
      http.dispatcher().cancelAll();
      http.connectionPool().evictAll();
    }
  }

  private HttpUrl.Builder url(String pathSegments) {
    return baseUrl.newBuilder().addPathSegments(pathSegments);
  }

  /** Comma-separated ids, each percent-encoded, the comma itself left as the list separator. */
  private static String joinIds(List<String> ids) {
    return ids.stream()
        .map(id -> URLEncoder.encode(id, StandardCharsets.UTF_8).replace("+", "%20"))
        .collect(Collectors.joining(","));
  }

  private <T> ApiResult<T> fetchForBuckets(
      Collection<String> bucketIds,
      int idsPerRequest,
      Function<List<String>, ApiCall> callFor,
      RowMapper<T> mapper) {
    List<String> ids = new ArrayList<>(new LinkedHashSet<>(bucketIds));
    ids.removeIf(Objects::isNull);
    if (ids.isEmpty()) {
      return ApiResult.empty(); // never send an empty list: the API would answer for ALL buckets
    }
    List<ApiResult<T>> parts = new ArrayList<>();
    for (int from = 0; from < ids.size(); from += idsPerRequest) {
      List<String> chunk = ids.subList(from, Math.min(ids.size(), from + idsPerRequest));
      parts.add(fetchIsolatingDenials(List.copyOf(chunk), callFor, mapper));
    }
    return ApiResult.merge(parts);
  }

  private <T> ApiResult<T> fetchIsolatingDenials(
      List<String> ids, Function<List<String>, ApiCall> callFor, RowMapper<T> mapper) {
    ApiCall call = callFor.apply(ids);
    Attempt<T> outcome = execute(call, mapper);
    if (outcome instanceof Denied<T> denied) {
      counters.recordError(call.endpoint(), ErrorKind.BUCKET_ACCESS);
      if (ids.size() == 1) {
        log.debug(
            "Flashback API refused bucket {} on {} (HTTP {})",
            ids,
            call.endpoint(),
            denied.status());
        return ApiResult.denied(new BucketDenial(ids.get(0), denied.status(), denied.message()));
      }
      log.info(
          "Flashback API answered HTTP {} for {} buckets on {}; asking in halves to find the"
              + " refused ones",
          denied.status(),
          ids.size(),
          call.endpoint());
      int half = ids.size() / 2;
      return ApiResult.merge(
          List.of(
              fetchIsolatingDenials(ids.subList(0, half), callFor, mapper),
              fetchIsolatingDenials(ids.subList(half, ids.size()), callFor, mapper)));
    }
    return ((Done<T>) outcome).result();
  }

  /** Sends a call until it succeeds, is refused, or fails for good; returns Done or Denied. */
  private <T> Attempt<T> execute(ApiCall call, RowMapper<T> mapper) {
    Endpoint endpoint = call.endpoint();
    for (int attempt = 1; ; attempt++) {
      Attempt<T> outcome = attemptOnce(call, mapper);
      if (!(outcome instanceof Transient<T> failure)) {
        return outcome;
      }
      counters.recordError(endpoint, ErrorKind.TRANSIENT);
      if (!retryPolicy.canRetry(attempt)) {
        throw new ApiUnavailableException(endpoint, failure.reason(), attempt, failure.cause());
      }
      Duration delay = retryPolicy.delay(attempt, failure.retryAfter());
      log.warn(
          "Flashback API {} request failed ({}), attempt {} of {}; retrying in {} ms",
          endpoint,
          failure.reason(),
          attempt,
          retryPolicy.maxAttempts(),
          delay.toMillis());
      counters.recordRetry(endpoint);
      pause(endpoint, delay);
    }
  }

  private <T> Attempt<T> attemptOnce(ApiCall call, RowMapper<T> mapper) {
    Endpoint endpoint = call.endpoint();
    pause(endpoint, pacer.reserve());
    ensureOpen(endpoint);
    counters.recordRequest(endpoint);
    Call httpCall = http.newCall(toRequest(call));
    inFlight.add(httpCall);
    try {
      if (closeSignal.isClosed()) {
        httpCall.cancel(); // close() ran between ensureOpen and add: do not start the call
      }
      try (Response response = httpCall.execute()) {
        return response.isSuccessful()
            ? new Done<>(read(call, response, mapper))
            : onErrorStatus(call, response);
      }
    } catch (ResponseTooLargeIoException e) {
      counters.recordError(endpoint, ErrorKind.RESPONSE_TOO_LARGE);
      throw new ResponseTooLargeException(endpoint, settings.maxResponseBytes());
    } catch (MalformedResponseException e) {
      return new Transient<>("malformed response: " + redactor.redact(e.getMessage()), null);
    } catch (SSLHandshakeException e) {
      if (hasCause(e, CertificateException.class)) {
        counters.recordError(endpoint, ErrorKind.REQUEST);
        throw new ApiRequestException(
            endpoint,
            0,
            "TLS handshake with the Flashback API failed: the server certificate is not trusted;"
                + " configure a trust store that holds its CA",
            e);
      }
      return transientIoFailure(endpoint, e);
    } catch (IOException e) {
      return transientIoFailure(endpoint, e);
    } finally {
      inFlight.remove(httpCall);
    }
  }

  private <T> Attempt<T> transientIoFailure(Endpoint endpoint, IOException e) {
    if (closeSignal.isClosed()) {
      throw closed(endpoint, "the client was closed");
    }
    if (Thread.currentThread().isInterrupted()
        || e instanceof InterruptedIOException && "interrupted".equals(e.getMessage())) {
      Thread.currentThread().interrupt(); // okio clears the flag when it notices it: restore it
      throw closed(endpoint, "the thread was interrupted");
    }
    return new Transient<>(describe(e), null, e);
  }

  private String describe(IOException e) {
    if (e instanceof SocketTimeoutException || e instanceof InterruptedIOException) {
      return "timed out";
    }
    if (e instanceof ConnectException) {
      return "cannot connect: " + redactor.redact(e.getMessage());
    }
    if (e instanceof UnknownHostException) {
      return "unknown host: " + redactor.redact(e.getMessage());
    }
    return e.getClass().getSimpleName() + ": " + redactor.redact(e.getMessage());
  }

  private static boolean hasCause(Throwable e, Class<? extends Throwable> type) {
    for (Throwable t = e; t != null; t = t.getCause()) {
      if (type.isInstance(t)) {
        return true;
      }
    }
    return false;
  }

  private Request toRequest(ApiCall call) {
    Request.Builder request = new Request.Builder().url(call.url());
    return (call.jsonBody() == null
            ? request.get()
            : request.post(RequestBody.create(call.jsonBody(), JSON)))
        .build();
  }

  private <T> ApiResult<T> read(ApiCall call, Response response, RowMapper<T> mapper)
      throws IOException {
    Endpoint endpoint = call.endpoint();
    ResponseBody body = response.body();
    MediaType type = body.contentType();
    if (type != null && "html".equalsIgnoreCase(type.subtype())) {
      throw new MalformedResponseException(
          "an HTML page instead of JSON (HTTP " + response.code() + ")");
    }
    if (body.contentLength() > settings.maxResponseBytes()) {
      throw new ResponseTooLargeIoException(settings.maxResponseBytes());
    }
    ParsedResponse<T> parsed;
    try (InputStream in =
        new BoundedInputStream(
            body.byteStream(),
            settings.maxResponseBytes(),
            bytes -> counters.recordBytes(endpoint, bytes))) {
      parsed = reader.read(in, endpoint.dataField(), mapper, call.bucketIds());
    }
    if (Boolean.FALSE.equals(parsed.success())) {
      counters.recordError(endpoint, ErrorKind.REQUEST);
      throw new ApiRequestException(
          endpoint,
          response.code(),
          "Flashback API answered success=false for "
              + endpoint
              + suffix(redactor.redact(parsed.message())),
          null);
    }
    if (!parsed.dataPresent() && !Boolean.TRUE.equals(parsed.success())) {
      throw new MalformedResponseException(
          "neither '" + endpoint.dataField() + "' nor a success flag in the body");
    }
    log.debug(
        "Flashback API {}: HTTP {}, {} rows, {} unreadable",
        endpoint,
        response.code(),
        parsed.rows().size(),
        parsed.problems().size());
    return new ApiResult<>(parsed.rows(), masked(parsed.problems()), List.of());
  }

  /** A server that echoes the token into a row must not get it onto an error topic. */
  private List<RowProblem> masked(List<RowProblem> problems) {
    return problems.stream()
        .map(
            p ->
                new RowProblem(p.bucketId(), redactor.mask(p.rawJson()), redactor.mask(p.reason())))
        .toList();
  }

  private <T> Attempt<T> onErrorStatus(ApiCall call, Response response) {
    Endpoint endpoint = call.endpoint();
    int status = response.code();
    String message = redactor.redact(ResponseReader.errorMessage(errorBody(response)));
    if (status == 401) {
      counters.recordError(endpoint, ErrorKind.AUTHENTICATION);
      throw new ApiAuthenticationException(endpoint);
    }
    if (status == 403 || status == 404) {
      return new Denied<>(status, message);
    }
    if (status == 408 || status == 425 || status == 429 || status >= 500) {
      Optional<Duration> retryAfter =
          RetryAfter.parse(
              response.header("Retry-After"), Instant.ofEpochMilli(time.milliseconds()));
      return new Transient<>(
          "HTTP " + status + describeBody(response, message), retryAfter.orElse(null), null);
    }
    counters.recordError(endpoint, ErrorKind.REQUEST);
    throw new ApiRequestException(
        endpoint,
        status,
        "Flashback API rejected the "
            + endpoint
            + " request (HTTP "
            + status
            + ")"
            + suffix(message),
        null);
  }

  private static String describeBody(Response response, String message) {
    MediaType type = response.body().contentType();
    if (message != null) {
      return suffix(message);
    }
    return type != null && "html".equalsIgnoreCase(type.subtype()) ? " (HTML error page)" : "";
  }

  private static byte[] errorBody(Response response) {
    try (InputStream in = response.body().byteStream()) {
      return in.readNBytes(MAX_ERROR_BODY_BYTES);
    } catch (IOException e) {
      return new byte[0]; // the status alone still classifies the error
    }
  }

  private static String suffix(String message) {
    return message == null || message.isBlank() ? "" : ": " + message;
  }

  private void pause(Endpoint endpoint, Duration delay) {
    if (delay.isZero() || delay.isNegative()) {
      return;
    }
    try {
      if (!sleeper.sleep(delay)) {
        throw closed(endpoint, "the client was closed");
      }
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw closed(endpoint, "the thread was interrupted");
    }
    ensureOpen(endpoint);
  }

  private void ensureOpen(Endpoint endpoint) {
    if (closeSignal.isClosed()) {
      throw closed(endpoint, "the client was closed");
    }
  }

  private static ApiClientClosedException closed(Endpoint endpoint, String why) {
    return new ApiClientClosedException(endpoint, why);
  }

  /** One HTTP request to make: which endpoint, where, with which body, for which buckets. */
  private record ApiCall(Endpoint endpoint, HttpUrl url, String jsonBody, List<String> bucketIds) {}

  /** What one attempt came to. */
  private sealed interface Attempt<T> permits Done, Denied, Transient {}

  private record Done<T>(ApiResult<T> result) implements Attempt<T> {}

  private record Denied<T>(int status, String message) implements Attempt<T> {}

  private record Transient<T>(String reason, Duration retryAfterOrNull, Throwable cause)
      implements Attempt<T> {
    Transient(String reason, Throwable cause) {
      this(reason, null, cause);
    }

    Optional<Duration> retryAfter() {
      return Optional.ofNullable(retryAfterOrNull);
    }
  }
}
