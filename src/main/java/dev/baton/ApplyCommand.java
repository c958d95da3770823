package dev.baton;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.concurrent.Callable;
import org.jspecify.annotations.Nullable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/** {@code baton apply -f FILE}: sends configuration as code to a running Baton. */
@Command(
    name = "apply",
    mixinStandardHelpOptions = true,
    description = {
      "Apply a multi-document YAML file (Person, Team, Queue, ...) to a running Baton, all or"
          + " nothing; unchanged documents write nothing."
    })
final class ApplyCommand implements Callable<Integer> {

  @Option(
      names = {"-f", "--file"},
      required = true,
      description =
          "The YAML file, a folder of .yaml/.yml files (applied together), or '-' for standard"
              + " input.")
  String file = "";

  @Option(
      names = "--url",
      description = "Baton's address (default: BATON_URL or http://localhost:BATON_PORT|8080).")
  @Nullable String url;

  @Option(names = "--token", description = "An API token (default: BATON_TOKEN).")
  @Nullable String token;

  @Option(names = "--dry-run", description = "Report what would change; write nothing.")
  boolean dryRun;

  @Override
  public Integer call() throws Exception {
    String key = token != null ? token : System.getenv("BATON_TOKEN");
    if (key == null || key.isBlank()) {
      System.err.println("No API token: pass --token or set BATON_TOKEN.");
      return 2;
    }
    String base = url != null ? url : System.getenv("BATON_URL");
    if (base == null || base.isBlank()) {
      String port = System.getenv("BATON_PORT");
      base = "http://localhost:" + (port == null || port.isBlank() ? "8080" : port);
    }
    byte[] body = "-".equals(file) ? System.in.readAllBytes() : Files.readAllBytes(Path.of(file));
    HttpRequest request =
        HttpRequest.newBuilder(URI.create(base + "/api/v1/config/apply?dryRun=" + dryRun))
            .timeout(Duration.ofSeconds(60))
            .header("Authorization", "Bearer " + key)
            .header("Content-Type", "application/yaml")
            .POST(HttpRequest.BodyPublishers.ofByteArray(body))
            .build();
    HttpResponse<String> response =
        HttpClient.newHttpClient().send(request, HttpResponse.BodyHandlers.ofString());
    System.out.println(response.body());
    return response.statusCode() == 200 ? 0 : 1;
  }

  /** One file, standard input, or every YAML file of a folder (sorted) joined as one stream. */
  static byte[] read(String file) throws java.io.IOException {
    if ("-".equals(file)) {
      return System.in.readAllBytes();
    }
    Path path = Path.of(file);
    if (!Files.isDirectory(path)) {
      return Files.readAllBytes(path);
    }
    StringBuilder all = new StringBuilder();
    try (java.util.stream.Stream<Path> files = Files.list(path)) {
      for (Path f :
          files
              .filter(p -> p.toString().endsWith(".yaml") || p.toString().endsWith(".yml"))
              .sorted()
              .toList()) {
        all.append("---\n").append(Files.readString(f)).append('\n');
      }
    }
    return all.toString().getBytes(java.nio.charset.StandardCharsets.UTF_8);
  }
}
