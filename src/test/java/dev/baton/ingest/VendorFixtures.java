package dev.baton.ingest;

import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.stream.Stream;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * The real vendor payloads in {@code shared/fixtures}, read where they lie and never copied into
 * the project: the folder named by {@code BATON_VENDOR_FIXTURES}, else {@code ../shared/fixtures}
 * beside the project. Tests that need them are skipped, saying so, when the folder is absent.
 */
final class VendorFixtures {

  private static final JsonMapper JSON = JsonMapper.builder().build();

  private VendorFixtures() {}

  /** A vendor fixture such as {@code github/issues.opened.json}. */
  static JsonNode json(String relative) {
    Path file = root().resolve(relative);
    assumeTrue(Files.isRegularFile(file), () -> "vendor fixture " + file + " is absent; skipped");
    return JSON.readTree(file.toFile());
  }

  /** The names of the {@code .json} files in one provider's folder. */
  static List<String> names(String provider) {
    Path folder = root().resolve(provider);
    assumeTrue(Files.isDirectory(folder), () -> "vendor fixtures " + folder + " are absent");
    try (Stream<Path> files = Files.list(folder)) {
      return files
          .map(p -> p.getFileName().toString())
          .filter(n -> n.endsWith(".json"))
          .sorted()
          .toList();
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  /** One of this project's own hand-made payloads under {@code src/test/resources/ingest}. */
  static JsonNode own(String relative) {
    try (InputStream in = VendorFixtures.class.getResourceAsStream("/ingest/" + relative)) {
      if (in == null) {
        throw new IllegalArgumentException("no test resource ingest/" + relative);
      }
      return JSON.readTree(in);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  static JsonNode parse(String json) {
    return JSON.readTree(json);
  }

  static long millis(String isoInstant) {
    return java.time.Instant.parse(isoInstant).toEpochMilli();
  }

  private static Path root() {
    String configured = System.getenv("BATON_VENDOR_FIXTURES");
    Path root;
    if (configured != null && !configured.isBlank()) {
      root = Path.of(configured);
    } else {
      String project = System.getProperty("baton.project.dir", System.getProperty("user.dir"));
      root = Path.of(project).resolve("../shared/fixtures").normalize();
    }
    Path found = root.toAbsolutePath();
    assumeTrue(
        Files.isDirectory(found),
        () -> "vendor fixtures not found at " + found + "; set BATON_VENDOR_FIXTURES to run these");
    return found;
  }
}
