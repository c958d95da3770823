package dev.baton.testsupport;

import com.nimbusds.jose.jwk.JWKSet;
import com.nimbusds.jose.jwk.RSAKey;
import com.nimbusds.jose.jwk.source.ImmutableJWKSet;
import com.nimbusds.jose.jwk.source.JWKSource;
import com.nimbusds.jose.proc.SecurityContext;
import java.security.KeyPair;
import java.security.KeyPairGenerator;
import java.security.NoSuchAlgorithmException;
import java.security.interfaces.RSAPrivateKey;
import java.security.interfaces.RSAPublicKey;
import java.util.Map;
import java.util.UUID;
import org.springframework.boot.WebApplicationType;
import org.springframework.boot.autoconfigure.ImportAutoConfiguration;
import org.springframework.boot.builder.SpringApplicationBuilder;
import org.springframework.boot.security.autoconfigure.web.servlet.SecurityFilterAutoConfiguration;
import org.springframework.boot.tomcat.autoconfigure.servlet.TomcatServletWebServerAutoConfiguration;
import org.springframework.boot.web.server.context.WebServerApplicationContext;
import org.springframework.context.ConfigurableApplicationContext;
import org.springframework.context.annotation.Bean;
import org.springframework.core.annotation.Order;
import org.springframework.http.MediaType;
import org.springframework.security.config.Customizer;
import org.springframework.security.config.annotation.web.builders.HttpSecurity;
import org.springframework.security.config.annotation.web.configuration.EnableWebSecurity;
import org.springframework.security.config.annotation.web.configuration.OAuth2AuthorizationServerConfiguration;
import org.springframework.security.config.annotation.web.configurers.oauth2.server.authorization.OAuth2AuthorizationServerConfigurer;
import org.springframework.security.core.userdetails.User;
import org.springframework.security.core.userdetails.UserDetailsService;
import org.springframework.security.oauth2.core.AuthorizationGrantType;
import org.springframework.security.oauth2.core.ClientAuthenticationMethod;
import org.springframework.security.oauth2.core.oidc.OidcScopes;
import org.springframework.security.oauth2.core.oidc.endpoint.OidcParameterNames;
import org.springframework.security.oauth2.jwt.JwtDecoder;
import org.springframework.security.oauth2.server.authorization.client.InMemoryRegisteredClientRepository;
import org.springframework.security.oauth2.server.authorization.client.RegisteredClient;
import org.springframework.security.oauth2.server.authorization.settings.AuthorizationServerSettings;
import org.springframework.security.oauth2.server.authorization.token.JwtEncodingContext;
import org.springframework.security.oauth2.server.authorization.token.OAuth2TokenCustomizer;
import org.springframework.security.provisioning.InMemoryUserDetailsManager;
import org.springframework.security.web.SecurityFilterChain;
import org.springframework.security.web.authentication.LoginUrlAuthenticationEntryPoint;
import org.springframework.security.web.util.matcher.MediaTypeRequestMatcher;

/**
 * An OpenID provider (Spring Authorization Server) on 127.0.0.1 in its own small Spring context,
 * for the console's single sign-on tests: one confidential client ({@link #CLIENT_ID}) whose
 * redirect URI is set once Baton's port is known, and users signing in with a password through the
 * provider's own login form, each with an e-mail address in their ID token. Not part of Baton: it
 * lives in test scope and shares nothing with the application under test.
 */
public final class OidcProvider implements AutoCloseable {

  public static final String CLIENT_ID = "baton-console";
  public static final String CLIENT_SECRET = "provider-secret-for-tests";
  public static final String PASSWORD = "provider-password";

  /** The provider's users: username (the {@code sub}) to e-mail address. */
  public static final Map<String, String> USERS =
      Map.of(
          "ada-at-idp", "Ada@Example.com",
          "vic-at-idp", "vic@example.com",
          "stranger-at-idp", "stranger@example.com",
          "mallory-at-idp", "ada@example.com");

  private final ConfigurableApplicationContext context;

  private OidcProvider(ConfigurableApplicationContext context) {
    this.context = context;
  }

  /** Starts the provider on a free loopback port. */
  public static OidcProvider start() {
    ConfigurableApplicationContext context =
        new SpringApplicationBuilder(Provider.class)
            .web(WebApplicationType.SERVLET)
            .logStartupInfo(false)
            .run(
                // its own (absent) config file, so Baton's application.yml is not read
                "--spring.config.name=oidc-provider-for-tests",
                "--server.address=127.0.0.1",
                "--server.port=0",
                // no DispatcherServlet: Tomcat's default servlet lets the security filters answer
                "--server.servlet.register-default-servlet=true",
                // a cookie of its own: Baton's session cookie is on the same host
                "--server.servlet.session.cookie.name=PROVIDER_SESSION",
                "--spring.main.banner-mode=off");
    return new OidcProvider(context);
  }

  public String issuer() {
    int port = ((WebServerApplicationContext) context).getWebServer().getPort();
    return "http://127.0.0.1:" + port;
  }

  /** Registers (or replaces) Baton's client with its redirect URI on {@code batonPort}. */
  public void registerClient(int batonPort) {
    context
        .getBean(InMemoryRegisteredClientRepository.class)
        .save(
            RegisteredClient.withId("baton")
                .clientId(CLIENT_ID)
                .clientSecret("{noop}" + CLIENT_SECRET)
                .clientAuthenticationMethod(ClientAuthenticationMethod.CLIENT_SECRET_BASIC)
                .authorizationGrantType(AuthorizationGrantType.AUTHORIZATION_CODE)
                .redirectUri("http://127.0.0.1:" + batonPort + "/login/oauth2/code/sso")
                .scope(OidcScopes.OPENID)
                .scope(OidcScopes.PROFILE)
                .scope(OidcScopes.EMAIL)
                .build());
  }

  @Override
  public void close() {
    context.close();
  }

  /** The provider's beans; not a {@code @Configuration}, so Baton's component scan skips it. */
  @EnableWebSecurity
  @ImportAutoConfiguration({
    TomcatServletWebServerAutoConfiguration.class,
    SecurityFilterAutoConfiguration.class
  })
  static class Provider {

    @Bean
    @Order(1)
    SecurityFilterChain authorizationServer(HttpSecurity http) throws Exception {
      OAuth2AuthorizationServerConfigurer server = new OAuth2AuthorizationServerConfigurer();
      http.securityMatcher(server.getEndpointsMatcher())
          .with(server, s -> s.oidc(Customizer.withDefaults()))
          .authorizeHttpRequests(a -> a.anyRequest().authenticated())
          .oauth2ResourceServer(r -> r.jwt(Customizer.withDefaults()))
          .exceptionHandling(
              e ->
                  e.defaultAuthenticationEntryPointFor(
                      new LoginUrlAuthenticationEntryPoint("/login"),
                      new MediaTypeRequestMatcher(MediaType.TEXT_HTML)));
      return http.build();
    }

    @Bean
    @Order(2)
    SecurityFilterChain signIn(HttpSecurity http) throws Exception {
      http.authorizeHttpRequests(a -> a.anyRequest().authenticated())
          .formLogin(Customizer.withDefaults());
      return http.build();
    }

    @Bean
    InMemoryRegisteredClientRepository clients() {
      // a placeholder until the test knows Baton's port (the repository needs one client)
      return new InMemoryRegisteredClientRepository(
          RegisteredClient.withId("placeholder")
              .clientId("placeholder")
              .clientSecret("{noop}placeholder")
              .authorizationGrantType(AuthorizationGrantType.AUTHORIZATION_CODE)
              .redirectUri("http://127.0.0.1/placeholder")
              .scope(OidcScopes.OPENID)
              .build());
    }

    @Bean
    UserDetailsService users() {
      InMemoryUserDetailsManager users = new InMemoryUserDetailsManager();
      USERS
          .keySet()
          .forEach(
              name ->
                  users.createUser(
                      User.withUsername(name).password("{noop}" + PASSWORD).roles("USER").build()));
      return users;
    }

    /** Puts each user's e-mail address (verified) into their ID token. */
    @Bean
    OAuth2TokenCustomizer<JwtEncodingContext> emailClaims() {
      return context -> {
        if (OidcParameterNames.ID_TOKEN.equals(context.getTokenType().getValue())) {
          String email = USERS.get(context.getPrincipal().getName());
          if (email != null) {
            context.getClaims().claim("email", email).claim("email_verified", true);
          }
        }
      };
    }

    @Bean
    JWKSource<SecurityContext> keys() throws NoSuchAlgorithmException {
      KeyPairGenerator generator = KeyPairGenerator.getInstance("RSA");
      generator.initialize(2048);
      KeyPair pair = generator.generateKeyPair();
      RSAKey key =
          new RSAKey.Builder((RSAPublicKey) pair.getPublic())
              .privateKey((RSAPrivateKey) pair.getPrivate())
              .keyID(UUID.randomUUID().toString())
              .build();
      return new ImmutableJWKSet<>(new JWKSet(key));
    }

    @Bean
    JwtDecoder jwtDecoder(JWKSource<SecurityContext> keys) {
      return OAuth2AuthorizationServerConfiguration.jwtDecoder(keys);
    }

    @Bean
    AuthorizationServerSettings settings() {
      return AuthorizationServerSettings.builder().build();
    }
  }
}
