package tech.flashback.connect.it;

import java.io.File;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.attribute.UserPrincipal;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Comparator;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;

/**
 * A PostgreSQL server of its own for one test class: a new cluster in a temporary directory,
 * listening on a free loopback port, with trust authentication for the {@code postgres} superuser,
 * deleted on {@link #close()}. Tuned for speed, not durability (no fsync).
 *
 * <p>The server binaries ({@code initdb}, {@code pg_ctl}) come from {@code -Dpostgres.bin.dir},
 * else the newest {@code /usr/lib/postgresql/<version>/bin} (Debian's {@code postgresql} package,
 * which {@code .ci/run} installs), else the {@code PATH}. Without them {@link #start()} throws, so
 * a test using this fails instead of being skipped. PostgreSQL refuses to run as root: under root
 * the commands run as the {@code postgres} OS user through {@code runuser}.
 */
public final class ThrowawayPostgres implements AutoCloseable {

  public static final String USER = "postgres";
  public static final String DATABASE = "postgres";

  private static final String BIN_DIR_PROPERTY = "postgres.bin.dir";
  private static final Path DEBIAN_ROOT = Path.of("/usr/lib/postgresql");
  private static final Duration COMMAND_TIMEOUT = Duration.ofSeconds(60);
  private static final int START_ATTEMPTS = 3;

  private final Path bin;
  private final Path base;
  private final Path data;
  private final Path log;
  private final boolean asPostgresUser;
  private int port;

  private ThrowawayPostgres(Path bin, Path base, boolean asPostgresUser) {
    this.bin = bin;
    this.base = base;
    this.data = base.resolve("data");
    this.log = base.resolve("postgresql.log");
    this.asPostgresUser = asPostgresUser;
  }

  /** Creates and starts a new cluster; throws with what to install when binaries are missing. */
  public static ThrowawayPostgres start() throws IOException, InterruptedException {
    Path bin = findBinaries();
    boolean root = "root".equals(System.getProperty("user.name"));
    Path base = Files.createTempDirectory("flashback-postgres-");
    if (root) {
      UserPrincipal postgres;
      try {
        postgres = base.getFileSystem().getUserPrincipalLookupService().lookupPrincipalByName(USER);
      } catch (IOException noSuchUser) {
        throw new IllegalStateException(
            "Running as root, PostgreSQL must run as the OS user 'postgres', which does not exist;"
                + " apt-get install -y postgresql creates it",
            noSuchUser);
      }
      Files.setOwner(base, postgres);
    }
    ThrowawayPostgres server = new ThrowawayPostgres(bin, base, root);
    try {
      server.initAndStart();
      return server;
    } catch (IOException | InterruptedException | RuntimeException e) {
      server.close();
      throw e;
    }
  }

  /** JDBC URL of the {@value #DATABASE} database. */
  public String jdbcUrl() {
    return "jdbc:postgresql://127.0.0.1:" + port + "/" + DATABASE;
  }

  public int port() {
    return port;
  }

  /** A new connection as the superuser (trust authentication: any password is accepted). */
  public Connection connect() throws SQLException {
    return DriverManager.getConnection(jdbcUrl(), USER, "");
  }

  /** Stops the server at once, keeps its log under {@code target/test-logs}, deletes the files. */
  @Override
  public void close() {
    try {
      if (Files.exists(data.resolve("postmaster.pid"))) {
        run(List.of(tool("pg_ctl"), "-D", data.toString(), "-m", "immediate", "-w", "stop"));
      }
    } catch (IOException | InterruptedException | RuntimeException e) {
      if (e instanceof InterruptedException) {
        Thread.currentThread().interrupt();
      }
      // Deleting the data directory below still leaves nothing behind but a dying process.
    } finally {
      keepLog();
      deleteRecursively(base);
    }
  }

  private void initAndStart() throws IOException, InterruptedException {
    run(
        List.of(
            tool("initdb"),
            "-D",
            data.toString(),
            "-U",
            USER,
            "--auth=trust",
            "--encoding=UTF8",
            "--locale=C",
            "--no-sync"));
    IOException lastFailure = null;
    for (int attempt = 0; attempt < START_ATTEMPTS; attempt++) {
      port = freePort();
      String options =
          String.join(
              " ",
              "-p " + port,
              "-c listen_addresses=127.0.0.1",
              "-k " + base,
              "-c fsync=off",
              "-c synchronous_commit=off",
              "-c full_page_writes=off");
      try {
        run(
            List.of(
                tool("pg_ctl"),
                "-D",
                data.toString(),
                "-l",
                log.toString(),
                "-o",
                options,
                "-w",
                "-t",
                Long.toString(COMMAND_TIMEOUT.toSeconds()),
                "start"));
        return;
      } catch (IOException portTakenMeanwhile) {
        lastFailure = portTakenMeanwhile;
      }
    }
    throw new IOException(lastFailure.getMessage() + "\nServer log:\n" + logTail(), lastFailure);
  }

  private String tool(String name) {
    return bin.resolve(name).toString();
  }

  /** Runs a command (as the postgres user when root) and fails with its output if it fails. */
  private void run(List<String> command) throws IOException, InterruptedException {
    List<String> full = new ArrayList<>();
    if (asPostgresUser) {
      full.addAll(List.of("runuser", "-u", USER, "--"));
    }
    full.addAll(command);
    // Output goes to a file, not a pipe: pg_ctl's server outlives it.
    File output = File.createTempFile("flashback-postgres-command-", ".log");
    try {
      ProcessBuilder builder =
          new ProcessBuilder(full)
              .directory(base.toFile())
              .redirectErrorStream(true)
              .redirectOutput(output)
              .redirectInput(ProcessBuilder.Redirect.from(new File("/dev/null")));
      builder.environment().put("LC_ALL", "C");
      Process process = builder.start();
      if (!process.waitFor(COMMAND_TIMEOUT.toMillis(), TimeUnit.MILLISECONDS)) {
        process.destroyForcibly();
        throw new IOException("Timed out after " + COMMAND_TIMEOUT + ": " + full);
      }
      if (process.exitValue() != 0) {
        throw new IOException(
            "Exit "
                + process.exitValue()
                + " from "
                + String.join(" ", full)
                + ":\n"
                + Files.readString(output.toPath(), StandardCharsets.UTF_8));
      }
    } finally {
      Files.deleteIfExists(output.toPath());
    }
  }

  static Path findBinaries() {
    String configured = System.getProperty(BIN_DIR_PROPERTY, "");
    if (!configured.isBlank()) {
      Path dir = Path.of(configured);
      if (hasServerTools(dir)) {
        return dir;
      }
      throw new IllegalStateException(
          "-D" + BIN_DIR_PROPERTY + "=" + configured + " holds no initdb and pg_ctl. " + HOW);
    }
    return newestDebianBin().or(ThrowawayPostgres::onPath).orElseThrow(() -> notFound());
  }

  private static final String HOW =
      "Install PostgreSQL's server (Debian: apt-get install -y postgresql, as .ci/run does), or"
          + " point -D"
          + BIN_DIR_PROPERTY
          + " at the folder holding initdb and pg_ctl.";

  private static IllegalStateException notFound() {
    return new IllegalStateException(
        "PostgreSQL server binaries (initdb, pg_ctl) not found in "
            + DEBIAN_ROOT
            + "/<version>/bin nor on the PATH. "
            + HOW);
  }

  private static Optional<Path> newestDebianBin() {
    if (!Files.isDirectory(DEBIAN_ROOT)) {
      return Optional.empty();
    }
    try (Stream<Path> versions = Files.list(DEBIAN_ROOT)) {
      return versions
          .filter(v -> v.getFileName().toString().matches("\\d+(\\.\\d+)?"))
          .sorted(
              Comparator.comparingDouble((Path v) -> Double.parseDouble(v.getFileName().toString()))
                  .reversed())
          .map(v -> v.resolve("bin"))
          .filter(ThrowawayPostgres::hasServerTools)
          .findFirst();
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  private static Optional<Path> onPath() {
    return Arrays.stream(System.getenv().getOrDefault("PATH", "").split(File.pathSeparator))
        .filter(s -> !s.isBlank())
        .map(Path::of)
        .filter(ThrowawayPostgres::hasServerTools)
        .findFirst();
  }

  private static boolean hasServerTools(Path dir) {
    return Files.isExecutable(dir.resolve("initdb")) && Files.isExecutable(dir.resolve("pg_ctl"));
  }

  private static int freePort() throws IOException {
    try (ServerSocket socket = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
      return socket.getLocalPort();
    }
  }

  private String logTail() {
    try {
      List<String> lines = Files.readAllLines(log, StandardCharsets.UTF_8);
      return String.join("\n", lines.subList(Math.max(0, lines.size() - 30), lines.size()));
    } catch (IOException e) {
      return "(no log: " + e.getMessage() + ")";
    }
  }

  private void keepLog() {
    String testLog = System.getProperty("test.log.file");
    if (testLog == null || !Files.exists(log)) {
      return;
    }
    try {
      Path target = Path.of(testLog).resolveSibling("postgresql.log");
      Files.createDirectories(target.getParent());
      Files.copy(log, target, StandardCopyOption.REPLACE_EXISTING);
    } catch (IOException ignored) {
      // The log is a convenience; the test's own assertions carry the failure.
    }
  }

  private static void deleteRecursively(Path root) {
    if (!Files.exists(root)) {
      return;
    }
    try (Stream<Path> paths = Files.walk(root)) {
      paths
          .sorted(Comparator.reverseOrder())
          .forEach(
              p -> {
                try {
                  Files.deleteIfExists(p);
                } catch (IOException ignored) {
                  // Best effort: a temp directory left behind is harmless.
                }
              });
    } catch (IOException ignored) {
      // Best effort, as above.
    }
  }
}
