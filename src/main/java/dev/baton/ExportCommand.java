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

/** {@code baton export}: the running Baton's configuration as YAML that apply takes back. */
@Command(
    name = "export",
    mixinStandardHelpOptions = true,
    description = "Write the current configuration (people, teams, queues, schedules, policies).")
final class ExportCommand implements Callable<Integer> {

  @Option(
      names = {"-o", "--output"},
      description = "File to write (default: standard output).")
  @Nullable Path output;

  @Option(
      names = "--url",
      description = "Baton's address (default: BATON_URL or http://localhost:BATON_PORT|8080).")
  @Nullable String url;

  @Option(names = "--token", description = "An API token (default: BATON_TOKEN).")
  @Nullable String token;

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
    HttpRequest request =
        HttpRequest.newBuilder(URI.create(base + "/api/v1/config/export"))
            .timeout(Duration.ofSeconds(60))
            .header("Authorization", "Bearer " + key)
            .GET()
            .build();
    HttpResponse<String> response =
        HttpClient.newHttpClient().send(request, HttpResponse.BodyHandlers.ofString());
    if (response.statusCode() != 200) {
      System.err.println(response.body());
      return 1;
    }
    if (output == null) {
      System.out.print(response.body());
    } else {
      Files.writeString(output, response.body());
    }
    return 0;
  }
}
