package dev.baton.ingest;

import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;

/**
 * Real vendor payloads from the shared fixture corpus, read where they lie (never copied into the
 * project): {@code BATON_VENDOR_FIXTURES}, else {@code ../shared/fixtures} beside the project. A
 * test that needs one is skipped, saying where it looked, when the corpus is absent.
 */
final class VendorFixtures {

  private VendorFixtures() {}

  static byte[] bytes(String relativePath) {
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

  private static Path root() {
    String configured = System.getenv("BATON_VENDOR_FIXTURES");
    if (configured != null && !configured.isBlank()) {
      return Path.of(configured);
    }
    String projectDir = System.getProperty("baton.project.dir", System.getProperty("user.dir"));
    return Path.of(projectDir).resolve("../shared/fixtures").normalize();
  }

  // one Slack capture starts with a UTF-8 byte order mark that Slack itself never sends
  private static boolean startsWithBom(byte[] content) {
    return content.length >= 3
        && content[0] == (byte) 0xEF
        && content[1] == (byte) 0xBB
        && content[2] == (byte) 0xBF;
  }
}
