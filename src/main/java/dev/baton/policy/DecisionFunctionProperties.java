package dev.baton.policy;

import org.springframework.boot.context.properties.ConfigurationProperties;

/**
 * Where decision functions may be.
 *
 * @param allowLoopbackHttp accept plain {@code http://} URLs whose host is loopback ({@code
 *     localhost}, {@code 127.x.x.x}, {@code [::1]}); default false, so every function is reached
 *     over https. For local development and tests.
 */
@ConfigurationProperties("baton.functions")
record DecisionFunctionProperties(boolean allowLoopbackHttp) {}
