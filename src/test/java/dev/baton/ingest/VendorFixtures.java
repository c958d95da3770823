package dev.baton.ingest;

import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.Arrays;
import java.util.List;
import java.util.stream.Stream;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * Real vendor payloads from the shared fixture corpus, read where they lie (never copied into the
 * project): {@code BATON_VENDOR_FIXTURES}, else {@code ../shared/fixtures} beside the project. A
 * test that needs one is skipped, saying where it looked, when the corpus is absent. Public for the
 * tests of the modules that consume parsed events.
 */
public final class VendorFixtures {

  private static final JsonMapper JSON = JsonMapper.builder().build();

  private VendorFixtures() {}

  /** A fixture's raw bytes, as the vendor sent them (a byte order mark removed). */
  public static byte[] bytes(String relativePath) {
    Path file = root().resolve(relativePath);
    assumeTrue(
        Files.isRegularFile(file),
        "vendor fixture "
            + file
            + " is absent; set BATON_VENDOR_FIXTURES to the fixture corpus to run this test");
    try {
      byte[] content = Files.readAllBytes(file);
      return startsWithBom(content) ? Arrays.copyOfRange(content, 3, content.length) : content;
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  /** A vendor fixture such as {@code github/issues.opened.json}, parsed. */
  public static JsonNode json(String relativePath) {
    return JSON.readTree(bytes(relativePath));
  }

  /** The names of the {@code .json} files in one provider's folder. */
  public static List<String> names(String provider) {
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
  public static JsonNode own(String relative) {
    try (InputStream in = VendorFixtures.class.getResourceAsStream("/ingest/" + relative)) {
      if (in == null) {
        throw new IllegalArgumentException("no test resource ingest/" + relative);
      }
      return JSON.readTree(in);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  public static JsonNode parse(String json) {
    return JSON.readTree(json);
  }

  public static long millis(String isoInstant) {
    return Instant.parse(isoInstant).toEpochMilli();
  }

  private static Path root() {
    String configured = System.getenv("BATON_VENDOR_FIXTURES");
    if (configured != null && !configured.isBlank()) {
      return Path.of(configured).toAbsolutePath();
    }
    String projectDir = System.getProperty("baton.project.dir", System.getProperty("user.dir"));
    return Path.of(projectDir).resolve("../shared/fixtures").toAbsolutePath().normalize();
  }

  // one Slack capture starts with a UTF-8 byte order mark that Slack itself never sends
  private static boolean startsWithBom(byte[] content) {
    return content.length >= 3
        && content[0] == (byte) 0xEF
        && content[1] == (byte) 0xBB
        && content[2] == (byte) 0xBF;
  }
}
