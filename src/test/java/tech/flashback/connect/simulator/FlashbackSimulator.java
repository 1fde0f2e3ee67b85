package tech.flashback.connect.simulator;

import com.sun.net.httpserver.HttpServer;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.ThreadFactory;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import org.apache.kafka.common.utils.Time;

/**
 * A deterministic fake of the Flashback statistics API on a JDK {@link HttpServer}. Data comes from
 * {@link #dataset()}, faults from {@link #faults()}, and every request lands in {@link
 * #requestLog()}. Time is the injected Kafka {@link Time}, shared with the connector under test.
 */
public final class FlashbackSimulator implements AutoCloseable {

  static {
    // The JDK server flushes headers apart from the body; with Nagle on, every small response
    // then waits ~40 ms for a delayed ACK. Read once, when the first HttpServer is created.
    if (System.getProperty("sun.net.httpserver.nodelay") == null) {
      System.setProperty("sun.net.httpserver.nodelay", "true");
    }
  }

  private final SimulatorSettings settings;
  private final SyntheticDataset dataset;
  private final FaultPlan faults;
  private final MalformedRowPlan malformedRows;
  private final EncodingPlan encodings;
  private final RequestLog requestLog;
  private final ShutdownSignal shutdown = new ShutdownSignal();
  private HttpServer server;
  private ExecutorService executor;

  public FlashbackSimulator(SimulatorSettings settings) {
    this.settings = settings;
    long seed = settings.dataset().seed();
    this.dataset = new SyntheticDataset(settings.dataset());
    this.faults =
        new FaultPlan(seed)
            .latency(settings.latency())
            .errorRate(settings.errorRate())
            .malformedRate(settings.malformedRate());
    this.malformedRows = new MalformedRowPlan(seed, faults);
    this.encodings = new EncodingPlan(seed, settings.varyEncodings());
    this.requestLog = new RequestLog(settings.requestLogCapacity());
  }

  public static Builder builder() {
    return new Builder();
  }

  public synchronized FlashbackSimulator start() {
    if (server != null) {
      throw new IllegalStateException("already started");
    }
    try {
      server =
          HttpServer.create(
              new InetSocketAddress(InetAddress.getByName(settings.bindAddress()), settings.port()),
              64);
    } catch (IOException e) {
      throw new UncheckedIOException("Cannot bind " + settings.bindAddress(), e);
    }
    executor = Executors.newFixedThreadPool(settings.threads(), new DaemonThreads());
    server.setExecutor(executor);
    server.createContext("/", httpHandler());
    server.start();
    return this;
  }

  private SimulatorHttpHandler httpHandler() {
    RowJsonWriter rows = new RowJsonWriter(encodings, malformedRows);
    return new SimulatorHttpHandler(
        settings.time(),
        settings.token(),
        faults,
        requestLog,
        shutdown,
        Map.of(
            SimulatorEndpoint.LIST_BUCKETS, new ListBucketsHandler(dataset, rows),
            SimulatorEndpoint.BUCKET_TOTALS, new BucketTotalsHandler(dataset, faults, rows),
            SimulatorEndpoint.NODE_DAILY, new NodeDailyHandler(dataset, rows),
            SimulatorEndpoint.MINUTE_STATS,
                new MinuteStatsHandler(dataset, faults, rows, settings.dayGranularFiltering())));
  }

  public int port() {
    requireStarted();
    return server.getAddress().getPort();
  }

  /** For example {@code http://127.0.0.1:54321}; a wildcard bind is reached over loopback. */
  public String baseUrl() {
    InetAddress address = server == null ? null : server.getAddress().getAddress();
    String host =
        address == null || address.isAnyLocalAddress() ? "127.0.0.1" : address.getHostAddress();
    if (host.contains(":")) {
      host = "[" + host + "]";
    }
    return "http://" + host + ":" + port();
  }

  public String token() {
    return settings.token();
  }

  public SimulatorSettings settings() {
    return settings;
  }

  /** Now, per the simulator's clock. */
  public Instant now() {
    return Instant.ofEpochMilli(settings.time().milliseconds());
  }

  public SyntheticDataset dataset() {
    return dataset;
  }

  public FaultPlan faults() {
    return faults;
  }

  /** Which rows are sent malformed at the current malformed rates. */
  public MalformedRowPlan malformedRows() {
    return malformedRows;
  }

  public EncodingPlan encodings() {
    return encodings;
  }

  public RequestLog requestLog() {
    return requestLog;
  }

  public List<LoggedRequest> requests() {
    return requestLog.requests();
  }

  public List<LoggedRequest> requests(SimulatorEndpoint endpoint) {
    return requestLog.requests(endpoint);
  }

  public void clearRequests() {
    requestLog.clear();
  }

  /** Shorthand for {@code faults().failNext(...)}. */
  public FlashbackSimulator failNext(SimulatorEndpoint endpoint, int count, Fault fault) {
    faults.failNext(endpoint, count, fault);
    return this;
  }

  /** Shorthand for {@code faults().denyBucket(...)}. */
  public FlashbackSimulator denyBucket(String bucketId, int status) {
    faults.denyBucket(bucketId, status);
    return this;
  }

  /** Adds the next bucket (named by its index, created now) and returns its id. */
  public String addBucket() {
    return dataset.addBucket(now()).id();
  }

  /** Removes a bucket from listing, totals and minute rows; POSTs for it get 404. */
  public boolean removeBucket(String bucketId) {
    return dataset.removeBucket(bucketId);
  }

  /** Releases stalls and latency waits, drops open connections, stops within about a second. */
  @Override
  public synchronized void close() {
    shutdown.fire();
    if (server == null) {
      return;
    }
    server.stop(0);
    executor.shutdownNow();
    try {
      executor.awaitTermination(1, TimeUnit.SECONDS);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
  }

  private void requireStarted() {
    if (server == null) {
      throw new IllegalStateException("not started");
    }
  }

  /** Handler threads must not keep a JVM alive once a test forgets to close. */
  private static final class DaemonThreads implements ThreadFactory {
    private final AtomicInteger count = new AtomicInteger();

    @Override
    public Thread newThread(Runnable runnable) {
      Thread thread = new Thread(runnable, "flashback-sim-" + count.incrementAndGet());
      thread.setDaemon(true);
      return thread;
    }
  }

  /** Defaults: seed 42, 5 buckets, 2 workspaces, 2 repos, 2 hosts, 3 nodes, one day of history. */
  public static final class Builder {
    private Time time = Time.SYSTEM;
    private String bindAddress = "127.0.0.1";
    private int port;
    private int threads = 8;
    private String token = "sim-token";
    private long seed = 42;
    private int buckets = 5;
    private int workspaces = 2;
    private int repos = 2;
    private int hosts = 2;
    private int nodes = 3;
    private Duration history = Duration.ofDays(1);
    private Instant historyStart;
    private double lateFraction = 0.1;
    private Duration lateBy = Duration.ofMinutes(2);
    private boolean largeCounters;
    private boolean dayGranularFiltering;
    private boolean varyEncodings;
    private Duration latency = Duration.ZERO;
    private double errorRate;
    private double malformedRate;
    private int requestLogCapacity = 100_000;

    private Builder() {}

    public Builder time(Time time) {
      this.time = time;
      return this;
    }

    public Builder bindAddress(String bindAddress) {
      this.bindAddress = bindAddress;
      return this;
    }

    /** 0 (the default) picks a free port. */
    public Builder port(int port) {
      this.port = port;
      return this;
    }

    public Builder threads(int threads) {
      this.threads = threads;
      return this;
    }

    public Builder token(String token) {
      this.token = token;
      return this;
    }

    public Builder seed(long seed) {
      this.seed = seed;
      return this;
    }

    public Builder buckets(int buckets) {
      this.buckets = buckets;
      return this;
    }

    public Builder workspaces(int workspaces) {
      this.workspaces = workspaces;
      return this;
    }

    public Builder reposPerBucket(int repos) {
      this.repos = repos;
      return this;
    }

    public Builder hostsPerBucket(int hosts) {
      this.hosts = hosts;
      return this;
    }

    public Builder nodesPerBucket(int nodes) {
      this.nodes = nodes;
      return this;
    }

    /** History start = now minus this, truncated to the minute (ignored with historyStart). */
    public Builder history(Duration history) {
      this.history = history;
      return this;
    }

    public Builder historyStart(Instant historyStart) {
      this.historyStart = historyStart;
      return this;
    }

    /** Share in [0, 1] of (bucket, minute) groups that arrive {@code lateBy} after the minute. */
    public Builder lateFraction(double lateFraction) {
      this.lateFraction = lateFraction;
      return this;
    }

    public Builder lateBy(Duration lateBy) {
      this.lateBy = lateBy;
      return this;
    }

    /** The first bucket's byte totals go beyond 2^53 in magnitude; see DatasetConfig. */
    public Builder largeCounters(boolean largeCounters) {
      this.largeCounters = largeCounters;
      return this;
    }

    public Builder dayGranularFiltering(boolean dayGranularFiltering) {
      this.dayGranularFiltering = dayGranularFiltering;
      return this;
    }

    public Builder varyEncodings(boolean varyEncodings) {
      this.varyEncodings = varyEncodings;
      return this;
    }

    /** Added latency on every endpoint (changeable per endpoint through faults()). */
    public Builder latency(Duration latency) {
      this.latency = latency;
      return this;
    }

    public Builder errorRate(double errorRate) {
      this.errorRate = errorRate;
      return this;
    }

    public Builder malformedRate(double malformedRate) {
      this.malformedRate = malformedRate;
      return this;
    }

    public Builder requestLogCapacity(int requestLogCapacity) {
      this.requestLogCapacity = requestLogCapacity;
      return this;
    }

    public SimulatorSettings settings() {
      Instant start =
          historyStart != null
              ? historyStart
              : Instant.ofEpochMilli(time.milliseconds())
                  .minus(history)
                  .truncatedTo(ChronoUnit.MINUTES);
      DatasetConfig dataset =
          new DatasetConfig(
              seed,
              buckets,
              workspaces,
              repos,
              hosts,
              nodes,
              start,
              lateFraction,
              lateBy,
              largeCounters);
      return new SimulatorSettings(
          time,
          bindAddress,
          port,
          threads,
          token,
          dataset,
          dayGranularFiltering,
          varyEncodings,
          latency,
          errorRate,
          malformedRate,
          requestLogCapacity);
    }

    public FlashbackSimulator build() {
      return new FlashbackSimulator(settings());
    }

    public FlashbackSimulator start() {
      return build().start();
    }
  }
}
