package dev.baton.platform;

import com.zaxxer.hikari.HikariDataSource;
import java.util.Objects;
import javax.sql.DataSource;
import org.jspecify.annotations.Nullable;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

/**
 * The one {@link DataSource}: the external PostgreSQL named by {@code BATON_DATABASE_URL}, or the
 * embedded one when none is named. The embedded server is a bean the pool depends on, so the pool
 * closes first and the server stops cleanly after it.
 */
@Configuration(proxyBeanMethods = false)
@EnableConfigurationProperties(DatabaseProperties.class)
class DatabaseConfiguration {

  /** Holder so that "no embedded server" is a value, not a missing bean. */
  record EmbeddedServerHolder(@Nullable EmbeddedPostgresServer server) implements AutoCloseable {
    @Override
    public void close() {
      if (server != null) {
        server.close();
      }
    }
  }

  @Bean(destroyMethod = "close")
  EmbeddedServerHolder embeddedPostgres(DatabaseProperties props) {
    return new EmbeddedServerHolder(
        props.embedded() ? EmbeddedPostgresServer.start(props.effectiveDataDir()) : null);
  }

  @Bean(destroyMethod = "close")
  HikariDataSource dataSource(DatabaseProperties props, EmbeddedServerHolder embedded) {
    // configured before its first use, so the metrics binder can still attach to the pool
    HikariDataSource config = new HikariDataSource();
    EmbeddedPostgresServer server = embedded.server();
    if (server != null) {
      config.setJdbcUrl(server.jdbcUrl());
      config.setUsername(server.user());
    } else {
      config.setJdbcUrl(Objects.requireNonNull(props.url()));
      if (props.user() != null && !props.user().isBlank()) {
        config.setUsername(props.user());
      }
      if (props.password() != null && !props.password().isBlank()) {
        config.setPassword(props.password());
      }
    }
    config.setMaximumPoolSize(props.effectivePoolSize());
    config.setPoolName("baton");
    // fail fast with a clear message when the database is down, instead of hanging requests
    config.setConnectionTimeout(props.effectiveConnectionTimeout().toMillis());
    return config;
  }
}
