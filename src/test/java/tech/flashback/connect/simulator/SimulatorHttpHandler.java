package tech.flashback.connect.simulator;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpHandler;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.time.Duration;
import java.time.Instant;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.OptionalInt;
import org.apache.kafka.common.utils.Time;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The request pipeline: authenticate, route, add latency, apply a fault, refuse denied buckets,
 * answer, and log. Endpoint logic lives in the {@link EndpointHandler}s.
 */
final class SimulatorHttpHandler implements HttpHandler {

  private static final Logger LOG = LoggerFactory.getLogger(SimulatorHttpHandler.class);

  private final Time time;
  private final byte[] expectedAuthorization;
  private final FaultPlan faults;
  private final RequestLog requestLog;
  private final ShutdownSignal shutdown;
  private final Map<SimulatorEndpoint, EndpointHandler> handlers;
  private final ResponseSender sender = new ResponseSender();
  private final FaultResponder faultResponder = new FaultResponder(sender);

  SimulatorHttpHandler(
      Time time,
      String token,
      FaultPlan faults,
      RequestLog requestLog,
      ShutdownSignal shutdown,
      Map<SimulatorEndpoint, EndpointHandler> handlers) {
    this.time = time;
    this.expectedAuthorization = ("Bearer " + token).getBytes(StandardCharsets.UTF_8);
    this.faults = faults;
    this.requestLog = requestLog;
    this.shutdown = shutdown;
    this.handlers = new EnumMap<>(handlers);
  }

  @Override
  public void handle(HttpExchange exchange) throws IOException {
    long startNanos = System.nanoTime();
    long arrival = requestLog.arrived();
    Instant now = Instant.ofEpochMilli(time.milliseconds());
    String path = exchange.getRequestURI().getPath();
    String rawQuery = exchange.getRequestURI().getRawQuery();
    String method = exchange.getRequestMethod();
    String body = readBody(exchange);
    Optional<SimulatorEndpoint> endpoint = SimulatorEndpoint.forPath(path);
    ApiRequest request =
        new ApiRequest(endpoint.orElse(null), method, path, QueryParams.parse(rawQuery), body, now);
    ExchangeOutcome outcome = new ExchangeOutcome(requestLog);
    try {
      process(exchange, request, outcome);
      exchange.close();
      // An IOException propagates: the server then closes the connection (a cut body, a dropped
      // stall, a client that went away).
    } catch (RuntimeException e) {
      LOG.warn("Simulator failed on {} {}", method, path, e);
      throw new ConnectionCutException("simulator bug: " + e);
    } finally {
      requestLog.record(
          arrival,
          new LoggedRequest(
              now,
              method,
              request.endpoint(),
              path,
              rawQuery,
              request.query().values(),
              request.endpoint() == null ? List.of() : request.bucketIds(),
              body,
              outcome.status,
              outcome.rows,
              Duration.ofNanos(System.nanoTime() - startNanos),
              Optional.ofNullable(outcome.fault)),
          outcome.committed);
    }
  }

  private void process(HttpExchange exchange, ApiRequest request, ExchangeOutcome outcome)
      throws IOException {
    if (!authorized(exchange)) {
      // Never echo the token, right or wrong.
      send(exchange, ApiResponse.error(401, "Unauthorized"), outcome);
      return;
    }
    SimulatorEndpoint endpoint = request.endpoint();
    if (endpoint == null) {
      send(exchange, ApiResponse.error(404, "Not Found"), outcome);
      return;
    }
    if (!endpoint.method().equals(request.method())) {
      exchange.getResponseHeaders().set("Allow", endpoint.method());
      send(exchange, ApiResponse.error(405, "Method Not Allowed"), outcome);
      return;
    }
    if (!shutdown.pause(faults.latency(endpoint))) {
      throw new ConnectionCutException("closed during added latency");
    }
    Optional<Fault> fault = faults.nextFault(endpoint);
    if (fault.isPresent() && fault.get().kind() == FaultKind.STALL) {
      outcome.fault = fault.get();
      if (!shutdown.pause(fault.get().duration())) {
        throw new ConnectionCutException("stall ended by close");
      }
    } else if (fault.isPresent()) {
      faultResponder.respond(exchange, fault.get(), request.now(), () -> answer(request), outcome);
      return;
    }
    send(exchange, answer(request), outcome);
  }

  /** The real answer: a denial, a 400, or the endpoint's response. */
  private ApiResponse answer(ApiRequest request) {
    for (String bucketId : request.bucketIds()) {
      OptionalInt denied = faults.deniedStatus(bucketId);
      if (denied.isPresent()) {
        int status = denied.getAsInt();
        return ApiResponse.error(
            status, status == 403 ? "Access denied to bucket" : "Bucket not found");
      }
    }
    try {
      return handlers.get(request.endpoint()).handle(request);
    } catch (BadRequestException e) {
      return ApiResponse.error(400, e.getMessage());
    }
  }

  private void send(HttpExchange exchange, ApiResponse response, ExchangeOutcome outcome)
      throws IOException {
    outcome.status = response.status();
    outcome.rows = sender.sendJson(exchange, response.status(), response.body(), outcome::commit);
  }

  private boolean authorized(HttpExchange exchange) {
    String header = exchange.getRequestHeaders().getFirst("Authorization");
    return header != null
        && MessageDigest.isEqual(expectedAuthorization, header.getBytes(StandardCharsets.UTF_8));
  }

  private static String readBody(HttpExchange exchange) throws IOException {
    try (InputStream in = exchange.getRequestBody()) {
      return new String(in.readAllBytes(), StandardCharsets.UTF_8);
    }
  }
}
