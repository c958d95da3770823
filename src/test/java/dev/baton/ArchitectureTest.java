package dev.baton;

import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.classes;
import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.fields;
import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.noClasses;

import com.tngtech.archunit.core.importer.ImportOption;
import com.tngtech.archunit.junit.AnalyzeClasses;
import com.tngtech.archunit.junit.ArchTest;
import com.tngtech.archunit.lang.ArchRule;
import java.time.Instant;
import java.time.LocalDateTime;
import java.time.OffsetDateTime;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Controller;
import org.springframework.web.bind.annotation.RestController;

/** House rules that the compiler does not check. */
@AnalyzeClasses(packages = "dev.baton", importOptions = ImportOption.DoNotIncludeTests.class)
class ArchitectureTest {

  @ArchTest
  static final ArchRule timeComesFromTheInjectedClock =
      noClasses()
          .should()
          .callMethod(Instant.class, "now")
          .orShould()
          .callMethod(LocalDateTime.class, "now")
          .orShould()
          .callMethod(OffsetDateTime.class, "now")
          .orShould()
          .callMethod(System.class, "currentTimeMillis")
          .because("time is read from the injected java.time.Clock so tests can tick it");

  @ArchTest
  static final ArchRule controllersDoNoSql =
      noClasses()
          .that()
          .areAnnotatedWith(RestController.class)
          .or()
          .areAnnotatedWith(Controller.class)
          .should()
          .dependOnClassesThat()
          .areAssignableTo(JdbcClient.class)
          .because("SQL lives in the store of the module that owns the table");

  @ArchTest
  static final ArchRule controllersAreNamedAndHidden =
      classes()
          .that()
          .areAnnotatedWith(RestController.class)
          .or()
          .areAnnotatedWith(Controller.class)
          .should()
          .haveSimpleNameEndingWith("Controller")
          .andShould()
          .notBePublic();

  @ArchTest
  static final ArchRule noFieldInjection =
      fields().should().notBeAnnotatedWith(Autowired.class).because("use constructor injection");

  @ArchTest
  static final ArchRule coreModulesDoNotUseTheWebLayer =
      noClasses()
          .that()
          .resideInAnyPackage("dev.baton.assignment..", "dev.baton.audit..")
          .and()
          .areNotAnnotatedWith(RestController.class)
          .should()
          .dependOnClassesThat()
          .resideInAnyPackage("jakarta.servlet..", "org.springframework.web..")
          .because("HTTP mapping belongs in web code only");

  @ArchTest
  static final ArchRule scheduleMathIsPure =
      noClasses()
          .that()
          .resideInAPackage("dev.baton.roster.schedule..")
          .should()
          .dependOnClassesThat()
          .resideInAnyPackage("org.springframework..", "java.sql..", "java.io..", "java.net..")
          .orShould()
          .dependOnClassesThat()
          .areAssignableTo(java.time.Clock.class)
          .because(
              "schedules are computed from the instants passed in (DESIGN.md principle: pure core)");

  @ArchTest
  static final ArchRule routingDoesNoIo =
      noClasses()
          .that()
          .resideInAPackage("dev.baton.routing..")
          .should()
          .dependOnClassesThat()
          .resideInAnyPackage(
              "java.sql..",
              "javax.sql..",
              "org.springframework.jdbc..",
              "org.springframework.web..",
              "java.net.http..",
              "jakarta.servlet..")
          .because("routing is a pure function of item, policy, roster snapshot and time");

  @ArchTest
  static final ArchRule noStandardStreamsOutsideTheCommandLine =
      noClasses()
          .that()
          .resideOutsideOfPackages("dev.baton", "dev.baton.bench")
          .and()
          .doNotHaveSimpleName("TenantBootstrap")
          .should()
          .accessField(System.class, "out")
          .orShould()
          .accessField(System.class, "err")
          .because("the server logs; only the CLI and the one-time bootstrap token print");
}
