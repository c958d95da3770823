package dev.baton;

import dev.baton.platform.Actor;
import dev.baton.tenant.ConsoleUsers;
import dev.baton.tenant.Tenants;
import java.io.File;
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

/** {@code baton user create}: console users, created against the configured database. */
@Command(
    name = "user",
    mixinStandardHelpOptions = true,
    description = "Manage console users.",
    subcommands = {UserCommand.Create.class})
final class UserCommand implements Runnable {

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
        "Create a console user and print a generated password (shown only this once).",
        "Works against the configured database; with the embedded one it attaches to a running"
            + " Baton's database or starts it briefly."
      })
  static final class Create implements Callable<Integer> {
    @Option(names = "--username", required = true, description = "The sign-in name.")
    String username = "";

    @Option(
        names = "--role",
        required = true,
        description = "admin, operator (acts) or viewer (only looks).")
    String role = "";

    @Option(names = "--tenant", description = "Tenant id (default: ${DEFAULT-VALUE}).")
    String tenant = Tenants.DEFAULT;

    @Option(names = "--person", description = "Link the user to this roster person.")
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
        ConsoleUsers.Created created =
            ctx.getBean(ConsoleUsers.class)
                .create(tenant, username, role, person, null, Actor.system("cli"), "cli");
        System.out.println(
            "Console user '"
                + created.user().username()
                + "' ("
                + created.user().role().wireName()
                + ") in tenant '"
                + tenant
                + "'. Password (shown once):");
        System.out.println(created.password());
        return 0;
      } catch (dev.baton.platform.BatonException e) {
        System.err.println("Could not create the user: " + e.getMessage());
        return 1;
      }
    }
  }
}
