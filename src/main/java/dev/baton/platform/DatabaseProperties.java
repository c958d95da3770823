package dev.baton.platform;

import java.nio.file.Path;
import java.time.Duration;
import org.jspecify.annotations.Nullable;
import org.springframework.boot.context.properties.ConfigurationProperties;

/**
 * Where Baton keeps its data.
 *
 * @param url JDBC URL of an external PostgreSQL ({@code BATON_DATABASE_URL}); empty means embedded
 * @param user user for the external database ({@code BATON_DATABASE_USER})
 * @param password password for the external database ({@code BATON_DATABASE_PASSWORD})
 * @param dataDir folder of the embedded database's files ({@code BATON_DATA_DIR}, default {@code
 *     ./data}), kept across restarts
 * @param poolSize connections in the pool (default {@value #DEFAULT_POOL_SIZE})
 * @param connectionTimeout longest a request or worker waits for a connection from the pool
 *     (default 5 s): when the database is down, a request answers 503 after it, instead of hanging
 */
@ConfigurationProperties("baton.database")
public record DatabaseProperties(
    @Nullable String url,
    @Nullable String user,
    @Nullable String password,
    @Nullable Path dataDir,
    @Nullable Integer poolSize,
    @Nullable Duration connectionTimeout) {

  static final int DEFAULT_POOL_SIZE = 10;
  static final Duration DEFAULT_CONNECTION_TIMEOUT = Duration.ofSeconds(5);

  boolean embedded() {
    return url == null || url.isBlank();
  }

  Path effectiveDataDir() {
    return dataDir == null ? Path.of("data") : dataDir;
  }

  Duration effectiveConnectionTimeout() {
    return connectionTimeout == null ? DEFAULT_CONNECTION_TIMEOUT : connectionTimeout;
  }

  int effectivePoolSize() {
    return poolSize == null ? DEFAULT_POOL_SIZE : poolSize;
  }
}
