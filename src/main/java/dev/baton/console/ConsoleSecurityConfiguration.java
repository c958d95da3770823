package dev.baton.console;

import static org.springframework.http.HttpMethod.POST;

import dev.baton.tenant.ConsoleUsers;
import org.springframework.boot.autoconfigure.condition.ConditionalOnWebApplication;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.core.annotation.Order;
import org.springframework.http.MediaType;
import org.springframework.security.authentication.ProviderManager;
import org.springframework.security.authentication.dao.DaoAuthenticationProvider;
import org.springframework.security.config.annotation.web.builders.HttpSecurity;
import org.springframework.security.config.annotation.web.configurers.AbstractHttpConfigurer;
import org.springframework.security.core.userdetails.UsernameNotFoundException;
import org.springframework.security.web.SecurityFilterChain;

/**
 * Who may use the console. Its pages need a signed-in console user (form login, session cookie,
 * CSRF on every form); acting (any POST but the read-only policy simulation) needs the admin or
 * operator role, so a viewer's POST is refused with 403 even without the buttons the pages hide.
 * The API's bearer-token chain ({@code tenant.SecurityConfiguration}) is untouched: this chain
 * matches only the console's own paths.
 */
@Configuration(proxyBeanMethods = false)
@ConditionalOnWebApplication
class ConsoleSecurityConfiguration {

  /** The console's paths; everything else is the API's or open (hooks, actuator). */
  static final String[] PATHS = {
    "/",
    "/login",
    "/logout",
    "/work-items",
    "/work-items/**",
    "/deliveries",
    "/deliveries/**",
    "/policies",
    "/policies/**",
    "/roster",
    "/roster/**",
    "/audit",
    "/audit/**",
    "/integrations",
    "/integrations/**",
    "/console/**",
    "/webjars/**"
  };

  @Bean
  @Order(0)
  SecurityFilterChain console(HttpSecurity http, ConsoleUsers users) throws Exception {
    DaoAuthenticationProvider provider =
        new DaoAuthenticationProvider(
            username ->
                users
                    .findByUsername(username)
                    .map(ConsoleAccount::new)
                    .orElseThrow(() -> new UsernameNotFoundException("no such console user")));
    provider.setPasswordEncoder(users.passwordEncoder());
    http.securityMatcher(PATHS)
        .authenticationManager(new ProviderManager(provider))
        .httpBasic(AbstractHttpConfigurer::disable)
        .formLogin(f -> f.loginPage("/login").defaultSuccessUrl("/", false).permitAll())
        .logout(l -> l.logoutUrl("/logout").logoutSuccessUrl("/login?signedOut").permitAll())
        .headers(
            h ->
                h.contentSecurityPolicy(
                    c ->
                        c.policyDirectives(
                            "default-src 'self'; img-src 'self' data:; style-src 'self';"
                                + " script-src 'self'; frame-ancestors 'none'; form-action"
                                + " 'self'")))
        .exceptionHandling(
            e ->
                e.accessDeniedHandler(
                    (request, response, denied) -> {
                      response.setStatus(403);
                      response.setContentType(MediaType.TEXT_HTML_VALUE + ";charset=UTF-8");
                      response
                          .getWriter()
                          .write(
                              "<!doctype html><html lang=\"en\"><title>Not allowed</title>"
                                  + "<h1>Not allowed</h1><p>Your role may look but not act,"
                                  + " or the form expired.</p><p><a href=\"/\">Back to the"
                                  + " console</a></p></html>");
                    }))
        .authorizeHttpRequests(
            a ->
                a.requestMatchers("/console/**", "/webjars/**")
                    .permitAll()
                    .requestMatchers(POST, "/policies/simulate")
                    .authenticated()
                    .requestMatchers(POST, "/**")
                    .hasAnyRole("ADMIN", "OPERATOR")
                    .anyRequest()
                    .authenticated());
    return http.build();
  }
}
