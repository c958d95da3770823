package dev.baton.platform;

import java.nio.file.Path;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

/** The master key for secrets at rest; see {@link SecretBox}. */
@Configuration(proxyBeanMethods = false)
class SecretBoxConfiguration {

  @Bean
  SecretBox secretBox(
      @Value("${baton.master-key:}") String keysetJson,
      @Value("${baton.master-key-file:}") String keyFile,
      DatabaseProperties database) {
    Path file =
        keyFile.isBlank()
            ? database.effectiveDataDir().resolve("master-key.json")
            : Path.of(keyFile);
    return SecretBox.configured(keysetJson, file);
  }
}
