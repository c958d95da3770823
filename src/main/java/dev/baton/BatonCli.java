package dev.baton;

import dev.baton.bench.BenchCommand;
import dev.baton.platform.Actor;
import dev.baton.tenant.ApiToken;
import dev.baton.tenant.ApiTokens;
import dev.baton.tenant.Tenants;
import java.io.File;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Callable;
import org.jspecify.annotations.Nullable;
import org.springframework.boot.SpringApplication;
import org.springframework.boot.WebApplicationType;
import org.springframework.context.ConfigurableApplicationContext;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/** The {@code baton} command line: serve, test, token create, user create, version. */
@Command(
    name = "baton",
    mixinStandardHelpOptions = true,
    versionProvider = BatonCli.Version.class,
    description = "Baton: routes work to the right people, explainably.",
    subcommands = {
      BatonCli.Serve.class,
      BatonCli.Test.class,
      BatonCli.Token.class,
      UserCommand.class,
      ApplyCommand.class,
      ExportCommand.class,
      BatonCli.PrintVersion.class,
      CommandLine.HelpCommand.class
    })
public final class BatonCli implements Runnable {

  @CommandLine.Spec CommandLine.Model.@Nullable CommandSpec spec;

  public static void main(String[] args) {
    CommandLine cli = new CommandLine(new BatonCli());
    cli.addSubcommand(BenchCommand.forApplication(BatonApplication.class));
    int code = cli.execute(args);
    if (code != 0) {
      System.exit(code);
    }
  }

  @Override
  public void run() {
    if (spec != null) {
      spec.commandLine().usage(System.out);
    }
  }

  /** Reads the version written into the jar at build time. */
  static final class Version implements CommandLine.IVersionProvider {
    @Override
    public String[] getVersion() {
      String v = BatonCli.class.getPackage().getImplementationVersion();
      return new String[] {"Baton " + (v == null ? "(development build)" : v)};
    }
  }

  @Command(name = "version", mixinStandardHelpOptions = true, description = "Print the version.")
  static final class PrintVersion implements Runnable {
    @Override
    public void run() {
      System.out.println(new Version().getVersion()[0]);
    }
  }

  @Command(
      name = "serve",
      mixinStandardHelpOptions = true,
      description = {
        "Start Baton's HTTP server.",
        "Without BATON_DATABASE_URL it runs PostgreSQL 17 embedded, with its data under"
            + " BATON_DATA_DIR (default ./data)."
      })
  static final class Serve implements Callable<Integer> {
    @Option(
        names = "--port",
        description = "HTTP port (default: BATON_PORT or 8080).",
        paramLabel = "PORT")
    @Nullable Integer port;

    @Option(
        names = "--data-dir",
        description = "Folder of the embedded database (default: BATON_DATA_DIR or ./data).",
        paramLabel = "DIR")
    @Nullable Path dataDir;

    @Option(
        names = "--demo",
        description = {
          "Start the live demo: fills the 'default' tenant with demo people, teams, policies and"
              + " integrations, stands in for Slack and Jira with a sandbox (console page /sandbox)"
              + " and sends signed webhook traffic to Baton's own hooks. Listens on 127.0.0.1"
              + " unless server.address is given. Only this flag turns the sandbox on."
        })
    boolean demo;

    @Override
    public Integer call() {
      List<String> args = new ArrayList<>();
      if (demo) {
        args.add("--" + dev.baton.demo.DemoEnvironment.ENABLED + "=true");
      }
      if (port != null) {
        args.add("--server.port=" + port);
      }
      if (dataDir != null) {
        args.add("--baton.database.data-dir=" + dataDir);
      }
      SpringApplication.run(BatonApplication.class, args.toArray(String[]::new));
      return 0;
    }
  }

  @Command(
      name = "test",
      mixinStandardHelpOptions = true,
      description = "Run the whole test suite (./mvnw verify) from the source checkout.")
  static final class Test implements Callable<Integer> {
    @CommandLine.Parameters(description = "Extra arguments for Maven.", arity = "0..*")
    List<String> mavenArgs = new ArrayList<>();

    @Override
    public Integer call() throws Exception {
      String home = System.getenv("BATON_HOME");
      Path root = home == null ? Path.of("").toAbsolutePath() : Path.of(home);
      Path mvnw = root.resolve("mvnw");
      if (!Files.isExecutable(mvnw)) {
        System.err.println("No ./mvnw in " + root + ": run 'baton test' from the source checkout.");
        return 2;
      }
      List<String> command = new ArrayList<>(List.of(mvnw.toString(), "verify"));
      command.addAll(mavenArgs);
      return new ProcessBuilder(command).directory(root.toFile()).inheritIO().start().waitFor();
    }
  }

  @Command(
      name = "token",
      mixinStandardHelpOptions = true,
      description = "Manage API tokens.",
      subcommands = {Token.Create.class})
  static final class Token implements Runnable {
    @CommandLine.Spec CommandLine.Model.@Nullable CommandSpec spec;

    @Override
    public void run() {
      if (spec != null) {
        spec.commandLine().usage(System.out);
      }
    }

    @Command(
        name = "create",
        mixinStandardHelpOptions = true,
        description = {
          "Create an API token and print its value (shown only this once).",
          "Works against the configured database; with the embedded one it attaches to a running"
              + " Baton's database or starts it briefly."
        })
    static final class Create implements Callable<Integer> {
      @Option(names = "--name", required = true, description = "What the token is for.")
      String name = "";

      @Option(
          names = "--scope",
          required = true,
          split = ",",
          description =
              "Scopes, e.g. work-items:read,work-items:write,roster:write,admin (repeatable).")
      List<String> scopes = new ArrayList<>();

      @Option(names = "--tenant", description = "Tenant id (default: ${DEFAULT-VALUE}).")
      String tenant = "default";

      @Option(names = "--person", description = "Bind the token to this person.")
      @Nullable String person;

      @Option(names = "--data-dir", description = "Folder of the embedded database.")
      @Nullable File dataDir;

      @Override
      public Integer call() {
        SpringApplication app = new SpringApplication(BatonApplication.class);
        app.setWebApplicationType(WebApplicationType.NONE);
        app.setLogStartupInfo(false);
        List<String> args = new ArrayList<>(List.of("--logging.level.root=WARN"));
        if (dataDir != null) {
          args.add("--baton.database.data-dir=" + dataDir);
        }
        try (ConfigurableApplicationContext ctx = app.run(args.toArray(String[]::new))) {
          if (!ctx.getBean(Tenants.class).exists(tenant)) {
            System.err.println("No tenant '" + tenant + "'.");
            return 1;
          }
          ApiToken.Created created =
              ctx.getBean(ApiTokens.class)
                  .create(
                      tenant,
                      new ApiTokens.Request(name, scopes, person, null),
                      Actor.system("cli"),
                      "cli");
          System.out.println(created.value());
          return 0;
        } catch (dev.baton.platform.BatonException e) {
          System.err.println("Could not create the token: " + e.getMessage());
          return 1;
        }
      }
    }
  }
}
