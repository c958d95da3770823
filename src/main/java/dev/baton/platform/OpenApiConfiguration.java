package dev.baton.platform;

import io.swagger.v3.oas.models.Components;
import io.swagger.v3.oas.models.OpenAPI;
import io.swagger.v3.oas.models.info.Info;
import io.swagger.v3.oas.models.info.License;
import io.swagger.v3.oas.models.security.SecurityRequirement;
import io.swagger.v3.oas.models.security.SecurityScheme;
import io.swagger.v3.oas.models.servers.Server;
import java.util.List;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

/**
 * The served OpenAPI document's header: bearer tokens, and a relative server so the document is the
 * same whatever host and port Baton runs on (it is checked in under {@code docs/}).
 */
@Configuration(proxyBeanMethods = false)
class OpenApiConfiguration {

  @Bean
  OpenAPI batonOpenApi() {
    return new OpenAPI()
        .info(
            new Info()
                .title("Baton API")
                .version("v1")
                .description(
                    "Assignment routing: work items, their assignments, roster, audit and events."
                        + " Errors are RFC 9457 problem details.")
                .license(new License().name("Apache-2.0")))
        .servers(List.of(new Server().url("/")))
        .components(
            new Components()
                .addSecuritySchemes(
                    "bearer",
                    new SecurityScheme()
                        .type(SecurityScheme.Type.HTTP)
                        .scheme("bearer")
                        .description("An API token: bt_...")))
        .addSecurityItem(new SecurityRequirement().addList("bearer"));
  }
}
