package dev.baton.testsupport;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * One Baton node as a real child process: {@code java -jar target/baton.jar serve} with the same
 * java as the test, on a fixed port of 127.0.0.1 (kept across restarts, so senders keep one URL),
 * against an external PostgreSQL given by {@code BATON_DATABASE_URL}. Each start writes the node's
 * output to a file of its own under {@code logDir} ({@code <name>-<n>.log}) for diagnosis. {@link
 * #kill()} is SIGKILL: no shutdown hook, no graceful stop, leases and open transactions left as a
 * crash leaves them.
 */
public final class BatonProcess implements AutoCloseable {

  /** How long a start may take on a loaded machine before the test gives up. */
  private static final Duration START_LIMIT = Duration.ofSeconds(180);

  private static final HttpClient HTTP =
      HttpClient.newBuilder()
          .version(HttpClient.Version.HTTP_1_1)
          .connectTimeout(Duration.ofSeconds(2))
          .build();

  private final String name;
  private final int port;
  private final Path logDir;
  private final Map<String, String> env;
  private final List<String> properties;
  private Process process;
  private int starts;

  /**
   * @param env environment of the child (database, token, master key, …)
   * @param properties Spring properties as {@code key=value}, passed as {@code -Dkey=value}
   */
  public BatonProcess(String name, Path logDir, Map<String, String> env, List<String> properties) {
    this.name = name;
    this.port = freePort();
    this.logDir = logDir;
    this.env = new LinkedHashMap<>(env);
    this.properties = List.copyOf(properties);
  }

  /** The repackaged jar the build made ({@code target/baton.jar}). */
  public static Path jar() {
    Path project = Path.of(System.getProperty("baton.project.dir", "."));
    Path jar = project.resolve("target/baton.jar").toAbsolutePath();
    if (!Files.isRegularFile(jar)) {
      throw new IllegalStateException(
          jar + " is missing: these tests run in `./mvnw verify`, after `package` made the jar");
    }
    return jar;
  }

  public String name() {
    return name;
  }

  public int port() {
    return port;
  }

  public String url() {
    return "http://127.0.0.1:" + port;
  }

  public Api api(String token) {
    return new Api(port, token);
  }

  public boolean running() {
    return process != null && process.isAlive();
  }

  public long pid() {
    return process == null ? -1 : process.pid();
  }

  /** Starts the node and returns once {@code /actuator/health} answers UP. */
  public Duration start() {
    if (running()) {
      throw new IllegalStateException(name + " is already running");
    }
    long t0 = System.nanoTime();
    starts++;
    List<String> command = new ArrayList<>();
    command.add(Path.of(System.getProperty("java.home"), "bin", "java").toString());
    command.add("-Xmx384m");
    command.add("-XX:+UseSerialGC");
    command.add("-XX:TieredStopAtLevel=1");
    command.add("-Dserver.address=127.0.0.1");
    for (String p : properties) {
      command.add("-D" + p);
    }
    command.addAll(List.of("-jar", jar().toString(), "serve", "--port", Integer.toString(port)));
    ProcessBuilder builder = new ProcessBuilder(command).redirectErrorStream(true);
    builder.environment().putAll(env);
    try {
      Files.createDirectories(logDir);
      builder.redirectOutput(log().toFile());
      process = builder.start();
    } catch (IOException e) {
      throw new UncheckedIOException("could not start " + name, e);
    }
    long deadline = t0 + START_LIMIT.toNanos();
    while (System.nanoTime() < deadline) {
      if (!process.isAlive()) {
        throw new IllegalStateException(
            name + " exited with " + process.exitValue() + " while starting:\n" + tail());
      }
      if (healthy()) {
        return Duration.ofNanos(System.nanoTime() - t0);
      }
      pause(Duration.ofMillis(200));
    }
    kill();
    throw new IllegalStateException(name + " did not become healthy in " + START_LIMIT + tail());
  }

  /** SIGKILL, then waits for the process to be gone. */
  public void kill() {
    if (process == null) {
      return;
    }
    process.destroyForcibly();
    try {
      if (!process.waitFor(30, TimeUnit.SECONDS)) {
        throw new IllegalStateException(name + " (pid " + process.pid() + ") survived SIGKILL");
      }
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
  }

  /** The log of the current (or last) start. */
  public Path log() {
    return logDir.resolve(name + "-" + starts + ".log");
  }

  /**
   * The value of a Prometheus counter, summed over the series whose labels contain {@code with}.
   */
  public double metric(String name, String with) {
    String text = get("/actuator/prometheus");
    double sum = 0;
    Matcher m =
        Pattern.compile("^" + Pattern.quote(name) + "(\\{[^}]*})? (\\S+)$", Pattern.MULTILINE)
            .matcher(text);
    while (m.find()) {
      String labels = m.group(1) == null ? "" : m.group(1);
      if (labels.contains(with)) {
        sum += Double.parseDouble(m.group(2));
      }
    }
    return sum;
  }

  private boolean healthy() {
    try {
      HttpResponse<String> answer =
          HTTP.send(
              HttpRequest.newBuilder(URI.create(url() + "/actuator/health"))
                  .timeout(Duration.ofSeconds(2))
                  .build(),
              HttpResponse.BodyHandlers.ofString());
      return answer.statusCode() == 200 && answer.body().contains("\"UP\"");
    } catch (IOException e) {
      return false;
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      return false;
    }
  }

  private String get(String path) {
    try {
      HttpResponse<String> answer =
          HTTP.send(
              HttpRequest.newBuilder(URI.create(url() + path))
                  .timeout(Duration.ofSeconds(10))
                  .build(),
              HttpResponse.BodyHandlers.ofString());
      if (answer.statusCode() != 200) {
        throw new IllegalStateException(name + " answered " + answer.statusCode() + " to " + path);
      }
      return answer.body();
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IllegalStateException(e);
    }
  }

  /** The last lines of the current log, for a failure message. */
  public String tail() {
    try {
      List<String> lines = Files.readAllLines(log(), StandardCharsets.UTF_8);
      return "\n--- last lines of "
          + log()
          + " ---\n"
          + String.join("\n", lines.subList(Math.max(0, lines.size() - 40), lines.size()));
    } catch (IOException e) {
      return "\n(no log at " + log() + ")";
    }
  }

  @Override
  public void close() {
    kill();
  }

  private static int freePort() {
    try (ServerSocket socket = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
      return socket.getLocalPort();
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  /** Waiting for a real child process: the only clock here is the wall clock. */
  public static void pause(Duration d) {
    try {
      Thread.sleep(d);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IllegalStateException("interrupted", e);
    }
  }
}
