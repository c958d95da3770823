package dev.baton.tenant;

import static org.springframework.http.HttpMethod.DELETE;
import static org.springframework.http.HttpMethod.GET;
import static org.springframework.http.HttpMethod.PATCH;
import static org.springframework.http.HttpMethod.POST;
import static org.springframework.http.HttpMethod.PUT;

import dev.baton.platform.ProblemWriter;
import java.util.Map;
import org.springframework.boot.autoconfigure.condition.ConditionalOnWebApplication;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.core.annotation.Order;
import org.springframework.security.config.annotation.web.builders.HttpSecurity;
import org.springframework.security.config.annotation.web.configurers.AbstractHttpConfigurer;
import org.springframework.security.config.http.SessionCreationPolicy;
import org.springframework.security.web.SecurityFilterChain;
import org.springframework.security.web.authentication.AnonymousAuthenticationFilter;

/**
 * Who may call what. {@code /api/**} needs a bearer token and, per route, a scope; the table below
 * is the one place that says which. Health, metrics and the API document are open, and so is {@code
 * /hooks/**}: a webhook proves itself by its provider's signature, checked by the hook endpoint.
 */
@Configuration(proxyBeanMethods = false)
@ConditionalOnWebApplication
class SecurityConfiguration {

  @Bean
  @Order(1)
  SecurityFilterChain api(
      HttpSecurity http, ApiTokens tokens, KnownPeople people, ProblemWriter problems)
      throws Exception {
    http.securityMatcher("/api/**")
        .csrf(AbstractHttpConfigurer::disable)
        .httpBasic(AbstractHttpConfigurer::disable)
        .formLogin(AbstractHttpConfigurer::disable)
        .logout(AbstractHttpConfigurer::disable)
        .requestCache(AbstractHttpConfigurer::disable)
        .sessionManagement(s -> s.sessionCreationPolicy(SessionCreationPolicy.STATELESS))
        .addFilterBefore(
            new ApiTokenFilter(tokens, people, problems), AnonymousAuthenticationFilter.class)
        .exceptionHandling(
            e ->
                e.authenticationEntryPoint(
                        (request, response, ex) -> {
                          response.setHeader("WWW-Authenticate", "Bearer");
                          problems.write(
                              response,
                              401,
                              "an API token is required: Authorization: Bearer <token>");
                        })
                    .accessDeniedHandler(
                        (request, response, ex) ->
                            problems.write(
                                response,
                                403,
                                "the API token lacks the scope this request needs",
                                Map.of())))
        .authorizeHttpRequests(
            a ->
                a.requestMatchers(GET, "/api/v1/work-items/*/audit")
                    .hasAuthority(Scopes.AUDIT_READ)
                    .requestMatchers(GET, "/api/v1/work-items", "/api/v1/work-items/**")
                    .hasAuthority(Scopes.WORK_ITEMS_READ)
                    .requestMatchers(POST, "/api/v1/work-items", "/api/v1/work-items/**")
                    .hasAuthority(Scopes.WORK_ITEMS_WRITE)
                    .requestMatchers(
                        GET,
                        "/api/v1/people/**",
                        "/api/v1/teams/**",
                        "/api/v1/queues/**",
                        "/api/v1/schedules/**")
                    .hasAuthority(Scopes.ROSTER_READ)
                    .requestMatchers(
                        GET,
                        "/api/v1/people",
                        "/api/v1/teams",
                        "/api/v1/queues",
                        "/api/v1/schedules")
                    .hasAuthority(Scopes.ROSTER_READ)
                    .requestMatchers(
                        "/api/v1/people",
                        "/api/v1/people/**",
                        "/api/v1/teams",
                        "/api/v1/teams/**",
                        "/api/v1/queues",
                        "/api/v1/queues/**",
                        "/api/v1/schedules",
                        "/api/v1/schedules/**")
                    .hasAuthority(Scopes.ROSTER_WRITE)
                    .requestMatchers(GET, "/api/v1/audit/**", "/api/v1/audit")
                    .hasAuthority(Scopes.AUDIT_READ)
                    .requestMatchers(
                        GET, "/api/v1/policies", "/api/v1/policies/**", "/api/v1/schemas/**")
                    .hasAuthority(Scopes.POLICIES_READ)
                    .requestMatchers(
                        POST, "/api/v1/policies/validate", "/api/v1/policies/*/simulate")
                    .hasAuthority(Scopes.POLICIES_READ)
                    .requestMatchers("/api/v1/policies", "/api/v1/policies/**")
                    .hasAuthority(Scopes.POLICIES_WRITE)
                    .requestMatchers(GET, "/api/v1/functions", "/api/v1/functions/**")
                    .hasAuthority(Scopes.POLICIES_READ)
                    .requestMatchers("/api/v1/functions", "/api/v1/functions/**")
                    .hasAuthority(Scopes.POLICIES_WRITE)
                    .requestMatchers(
                        GET, "/api/v1/escalation-policies", "/api/v1/escalation-policies/**")
                    .hasAuthority(Scopes.POLICIES_READ)
                    .requestMatchers(
                        "/api/v1/escalation-policies", "/api/v1/escalation-policies/**")
                    .hasAuthority(Scopes.POLICIES_WRITE)
                    // approvals decide work-item actions; who may decide is checked per request
                    .requestMatchers(GET, "/api/v1/approvals", "/api/v1/approvals/**")
                    .hasAuthority(Scopes.WORK_ITEMS_READ)
                    .requestMatchers(
                        POST, "/api/v1/approvals/*/approve", "/api/v1/approvals/*/deny")
                    .hasAuthority(Scopes.WORK_ITEMS_WRITE)
                    // mapping tables are routing configuration, like policies
                    .requestMatchers(
                        GET, "/api/v1/integrations/*/mapping", "/api/v1/integrations/*/mapping/**")
                    .hasAuthority(Scopes.POLICIES_READ)
                    .requestMatchers(PUT, "/api/v1/integrations/*/mapping")
                    .hasAuthority(Scopes.POLICIES_WRITE)
                    // a Jira integration's write-back connection (credentials write-only)
                    .requestMatchers(GET, "/api/v1/integrations/*/jira-connection")
                    .hasAuthority(Scopes.INTEGRATIONS_READ)
                    .requestMatchers("/api/v1/integrations/*/jira-connection")
                    .hasAuthority(Scopes.INTEGRATIONS_WRITE)
                    // reconciliation with Jira: reading runs, and asking for one (it may write)
                    .requestMatchers(GET, "/api/v1/integrations/*/reconcile-runs/**")
                    .hasAuthority(Scopes.INTEGRATIONS_READ)
                    .requestMatchers(POST, "/api/v1/integrations/*/reconcile")
                    .hasAuthority(Scopes.INTEGRATIONS_WRITE)
                    .requestMatchers(POST, "/api/v1/config/apply")
                    .authenticated()
                    .requestMatchers(GET, "/api/v1/config/export")
                    .hasAuthority(Scopes.ROSTER_READ)
                    .requestMatchers(
                        GET,
                        "/api/v1/integrations",
                        "/api/v1/integrations/**",
                        "/api/v1/inbox",
                        "/api/v1/inbox/**")
                    .hasAuthority(Scopes.INTEGRATIONS_READ)
                    .requestMatchers(
                        "/api/v1/integrations",
                        "/api/v1/integrations/**",
                        "/api/v1/inbox",
                        "/api/v1/inbox/**")
                    .hasAuthority(Scopes.INTEGRATIONS_WRITE)
                    .requestMatchers(GET, "/api/v1/subscriptions", "/api/v1/subscriptions/**")
                    .hasAuthority(Scopes.SUBSCRIPTIONS_READ)
                    .requestMatchers("/api/v1/subscriptions", "/api/v1/subscriptions/**")
                    .hasAuthority(Scopes.SUBSCRIPTIONS_WRITE)
                    .requestMatchers(GET, "/api/v1/events")
                    .hasAuthority(Scopes.EVENTS_READ)
                    .requestMatchers(GET, "/api/v1/deliveries", "/api/v1/deliveries/**")
                    .hasAuthority(Scopes.DELIVERIES_READ)
                    .requestMatchers(POST, "/api/v1/deliveries/**", "/api/v1/events/*/replay")
                    .hasAuthority(Scopes.DELIVERIES_WRITE)
                    .requestMatchers("/api/v1/tenants", "/api/v1/tenants/**")
                    .hasAuthority(Scopes.TENANTS_ADMIN)
                    .requestMatchers("/api/v1/tokens", "/api/v1/tokens/**")
                    .hasAuthority(Scopes.ADMIN)
                    .requestMatchers(POST, "/api/**")
                    .authenticated()
                    .requestMatchers(PUT, "/api/**")
                    .authenticated()
                    .requestMatchers(PATCH, "/api/**")
                    .authenticated()
                    .requestMatchers(DELETE, "/api/**")
                    .authenticated()
                    .anyRequest()
                    .authenticated());
    return http.build();
  }

  @Bean
  @Order(2)
  SecurityFilterChain open(HttpSecurity http) throws Exception {
    http.csrf(AbstractHttpConfigurer::disable)
        .httpBasic(AbstractHttpConfigurer::disable)
        .formLogin(AbstractHttpConfigurer::disable)
        .sessionManagement(s -> s.sessionCreationPolicy(SessionCreationPolicy.STATELESS))
        .authorizeHttpRequests(a -> a.anyRequest().permitAll());
    return http.build();
  }
}
