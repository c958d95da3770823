package dev.baton.console;

import static org.springframework.http.HttpMethod.POST;

import dev.baton.tenant.ConsoleUsers;
import dev.baton.tenant.Tenants;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import org.springframework.boot.autoconfigure.condition.ConditionalOnWebApplication;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.core.annotation.Order;
import org.springframework.http.MediaType;
import org.springframework.security.authentication.dao.DaoAuthenticationProvider;
import org.springframework.security.config.annotation.web.builders.HttpSecurity;
import org.springframework.security.config.annotation.web.configurers.AbstractHttpConfigurer;
import org.springframework.security.core.AuthenticationException;
import org.springframework.security.core.userdetails.UsernameNotFoundException;
import org.springframework.security.oauth2.client.web.HttpSessionOAuth2AuthorizedClientRepository;
import org.springframework.security.oauth2.core.OAuth2AuthenticationException;
import org.springframework.security.web.SecurityFilterChain;
import org.springframework.security.web.authentication.AnonymousAuthenticationFilter;

/**
 * Who may use the console. Its pages need a signed-in console user (form login, session cookie,
 * CSRF on every form); acting (any POST but the read-only policy simulation) needs the admin or
 * operator role, so a viewer's POST is refused with 403 even without the buttons the pages hide.
 * The users page needs the admin role. With {@code baton.console.oidc.issuer-uri} set, OpenID
 * Connect sign-in ({@link SsoSignIn}) is offered beside the password. The API's bearer-token chain
 * ({@code tenant.SecurityConfiguration}) is untouched: this chain matches only the console's own
 * paths.
 */
@Configuration(proxyBeanMethods = false)
@ConditionalOnWebApplication
class ConsoleSecurityConfiguration {

  /** The console's paths; everything else is the API's or open (hooks, actuator). */
  static final String[] PATHS = {
    "/",
    "/login",
    "/login/**",
    "/oauth2/**",
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
    "/sandbox",
    "/sandbox/feed",
    "/sandbox/press",
    "/users",
    "/users/**",
    "/integrations",
    "/integrations/**",
    "/console/**",
    "/webjars/**"
  };

  @Bean
  @Order(0)
  SecurityFilterChain console(
      HttpSecurity http, ConsoleUsers users, Tenants tenants, OidcProperties oidc)
      throws Exception {
    DaoAuthenticationProvider provider =
        new DaoAuthenticationProvider(
            username ->
                users
                    .findByUsername(username)
                    .map(ConsoleAccount::new)
                    .orElseThrow(() -> new UsernameNotFoundException("no such console user")));
    provider.setPasswordEncoder(users.passwordEncoder());
    SignedIn signedIn = new SignedIn(users);
    if (oidc.enabled()) {
      http.oauth2Login(
          o ->
              o.loginPage("/login")
                  .clientRegistrationRepository(new OidcClientRegistration(oidc))
                  .authorizedClientRepository(new HttpSessionOAuth2AuthorizedClientRepository())
                  .userInfoEndpoint(u -> u.oidcUserService(new SsoSignIn(users, tenants, oidc)))
                  .successHandler(signedIn)
                  .failureHandler(ConsoleSecurityConfiguration::ssoFailed));
    }
    http.securityMatcher(PATHS)
        .authenticationProvider(provider)
        .addFilterBefore(new CurrentConsoleUser(users), AnonymousAuthenticationFilter.class)
        .httpBasic(AbstractHttpConfigurer::disable)
        .formLogin(f -> f.loginPage("/login").successHandler(signedIn).permitAll())
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
                    .requestMatchers("/users", "/users/**")
                    .hasRole("ADMIN")
                    .requestMatchers(POST, "/policies/simulate")
                    .authenticated()
                    .requestMatchers(POST, "/**")
                    .hasAnyRole("ADMIN", "OPERATOR")
                    .anyRequest()
                    .authenticated());
    return http.build();
  }

  /**
   * A refused or failed single sign-on goes back to the sign-in page, which shows why (the session
   * carries the message, so no text from the provider ends up in a URL).
   */
  private static void ssoFailed(
      HttpServletRequest request, HttpServletResponse response, AuthenticationException e)
      throws IOException {
    String message =
        e instanceof OAuth2AuthenticationException o
                && SsoSignIn.REFUSED.equals(o.getError().getErrorCode())
                && o.getError().getDescription() != null
            ? o.getError().getDescription()
            : "Single sign-on failed: " + e.getMessage();
    request.getSession().setAttribute(LoginController.SSO_PROBLEM, message);
    response.sendRedirect(request.getContextPath() + "/login?sso-refused");
  }
}
