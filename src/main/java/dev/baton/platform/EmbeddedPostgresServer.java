package dev.baton.platform;

import io.zonky.test.db.postgres.embedded.EmbeddedPostgres;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.time.Duration;
import java.util.Properties;
import org.jspecify.annotations.Nullable;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * PostgreSQL 17 run from the binaries shipped inside Baton, with its files under a data folder that
 * survives restarts. Listens on loopback only, on a port remembered in the data folder. When a
 * Baton already runs on the same folder (its postmaster answers), this attaches to that server
 * instead of starting a second one, and leaves it running on close.
 */
public final class EmbeddedPostgresServer implements AutoCloseable {

  private static final Logger log = LoggerFactory.getLogger(EmbeddedPostgresServer.class);
  private static final String PORT_FILE = "baton-postgres.port";

  private final @Nullable EmbeddedPostgres postgres;
  private final int port;

  private EmbeddedPostgresServer(@Nullable EmbeddedPostgres postgres, int port) {
    this.postgres = postgres;
    this.port = port;
  }

  /** Starts (or attaches to) the embedded server whose files live in {@code dataDir}. */
  public static EmbeddedPostgresServer start(Path dataDir) {
    try {
      Path pgData = dataDir.toAbsolutePath().resolve("postgres");
      Files.createDirectories(pgData);
      Path portFile = dataDir.toAbsolutePath().resolve(PORT_FILE);
      Integer remembered = readPort(portFile);
      if (remembered != null
          && Files.exists(pgData.resolve("postmaster.pid"))
          && answers(remembered)) {
        log.info("Attaching to the embedded PostgreSQL already running on port {}", remembered);
        return new EmbeddedPostgresServer(null, remembered);
      }
      int port = remembered != null && isFree(remembered) ? remembered : freePort();
      Files.writeString(portFile, Integer.toString(port), StandardCharsets.UTF_8);
      log.info("Starting embedded PostgreSQL 17 in {} on 127.0.0.1:{}", pgData, port);
      EmbeddedPostgres pg =
          EmbeddedPostgres.builder()
              .setDataDirectory(pgData)
              .setCleanDataDirectory(false)
              .setPort(port)
              .setPGStartupWait(Duration.ofSeconds(60))
              .setServerConfig("listen_addresses", "127.0.0.1")
              .setServerConfig("max_connections", "200")
              // the library starts PostgreSQL with -F and synchronous_commit=off, which suits
              // throw-away test databases; data Baton keeps must survive a machine crash too
              .setServerConfig("fsync", "on")
              .setServerConfig("synchronous_commit", "on")
              .start();
      return new EmbeddedPostgresServer(pg, port);
    } catch (IOException e) {
      throw new UncheckedIOException(
          "Could not start the embedded PostgreSQL in " + dataDir.toAbsolutePath(), e);
    }
  }

  /** Starts a throw-away server in a fresh temporary folder (tests, benchmarks). */
  public static EmbeddedPostgresServer startTemporary() {
    try {
      EmbeddedPostgres pg =
          EmbeddedPostgres.builder()
              .setServerConfig("listen_addresses", "127.0.0.1")
              // a test run caches up to 32 Spring contexts, each with its own pool of 10
              .setServerConfig("max_connections", "500")
              .setServerConfig("fsync", "off")
              .start();
      return new EmbeddedPostgresServer(pg, pg.getPort());
    } catch (IOException e) {
      throw new UncheckedIOException("Could not start a temporary embedded PostgreSQL", e);
    }
  }

  public String jdbcUrl() {
    return "jdbc:postgresql://127.0.0.1:" + port + "/postgres";
  }

  public String user() {
    return "postgres";
  }

  public int port() {
    return port;
  }

  @Override
  public void close() {
    if (postgres == null) {
      return;
    }
    try {
      log.info("Stopping embedded PostgreSQL");
      postgres.close();
    } catch (IOException e) {
      throw new UncheckedIOException("Could not stop the embedded PostgreSQL", e);
    }
  }

  private static @Nullable Integer readPort(Path file) throws IOException {
    if (!Files.exists(file)) {
      return null;
    }
    try {
      return Integer.valueOf(Files.readString(file, StandardCharsets.UTF_8).trim());
    } catch (NumberFormatException e) {
      return null;
    }
  }

  private static boolean answers(int port) {
    Properties props = new Properties();
    props.setProperty("user", "postgres");
    props.setProperty("connectTimeout", "2");
    try (Connection c =
        DriverManager.getConnection("jdbc:postgresql://127.0.0.1:" + port + "/postgres", props)) {
      return c.isValid(2);
    } catch (SQLException e) {
      return false;
    }
  }

  private static boolean isFree(int port) {
    try (ServerSocket s = new ServerSocket(port, 1, InetAddress.getLoopbackAddress())) {
      return s.getLocalPort() == port;
    } catch (IOException e) {
      return false;
    }
  }

  private static int freePort() throws IOException {
    try (ServerSocket s = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
      return s.getLocalPort();
    }
  }
}
