package dev.baton.delivery.webhook;

import java.net.InetAddress;
import java.net.URI;
import java.net.URISyntaxException;
import java.net.UnknownHostException;
import java.util.List;
import java.util.Locale;
import org.jspecify.annotations.Nullable;
import org.springframework.stereotype.Component;

/**
 * The SSRF guard of outbound webhooks. On create it checks the URL as written (https, or http to an
 * allow-listed host; a literal private address refused); at send time it resolves the host and
 * refuses when any address it resolves to is not public and not allow-listed.
 */
@Component
class OutboundGuard {

  /** The addresses a send may connect to, or why it may not. */
  sealed interface Resolution {
    record Allowed(List<InetAddress> addresses) implements Resolution {}

    record Refused(String reason) implements Resolution {}

    record Unresolved(String reason) implements Resolution {}
  }

  private final OutboundAllowlist allowlist;

  @org.springframework.beans.factory.annotation.Autowired
  OutboundGuard(OutboundProperties properties) {
    this(OutboundAllowlist.parse(properties.allowlist()));
  }

  OutboundGuard(OutboundAllowlist allowlist) {
    this.allowlist = allowlist;
  }

  /** What is wrong with {@code url} as a webhook target, without DNS; null when acceptable. */
  @Nullable String urlProblem(String url) {
    URI uri;
    try {
      uri = new URI(url);
    } catch (URISyntaxException e) {
      return "is not a valid URL: " + e.getReason();
    }
    if (!uri.isAbsolute() || uri.getHost() == null || uri.getScheme() == null) {
      return "must be an absolute https URL with a host";
    }
    if (uri.getRawUserInfo() != null) {
      return "must not carry credentials (user:password@)";
    }
    if (uri.getRawFragment() != null) {
      return "must not have a fragment (#...)";
    }
    String scheme = uri.getScheme().toLowerCase(Locale.ROOT);
    String host = uri.getHost();
    if (!scheme.equals("https") && !(scheme.equals("http") && allowlisted(host))) {
      return "must use https (plain http only to a host on the outbound allow-list,"
          + " BATON_OUTBOUND_ALLOWLIST)";
    }
    if (OutboundAddresses.isIpLiteral(host)) {
      InetAddress address;
      try {
        address = OutboundAddresses.literal(host);
      } catch (IllegalArgumentException e) {
        return "has an invalid IP address";
      }
      String refusal = refusal(host, address);
      if (refusal != null) {
        return refusal;
      }
    }
    return null;
  }

  /** Resolves {@code host} and checks every address it names. */
  Resolution resolve(String host) {
    InetAddress[] addresses;
    try {
      addresses =
          OutboundAddresses.isIpLiteral(host)
              ? new InetAddress[] {OutboundAddresses.literal(host)}
              : InetAddress.getAllByName(host);
    } catch (UnknownHostException | IllegalArgumentException e) {
      return new Resolution.Unresolved("cannot resolve host '" + host + "'");
    }
    for (InetAddress address : addresses) {
      String refusal = refusal(host, address);
      if (refusal != null) {
        return new Resolution.Refused(refusal);
      }
    }
    return new Resolution.Allowed(List.of(addresses));
  }

  private @Nullable String refusal(String host, InetAddress address) {
    String kind = OutboundAddresses.refusal(address);
    if (kind == null || allowlist.allowsHost(host) || allowlist.allowsAddress(address)) {
      return null;
    }
    return "refused: "
        + host
        + " is "
        + (OutboundAddresses.isIpLiteral(host) ? "" : "at " + address.getHostAddress() + ", ")
        + kind
        + "; allow-list it with BATON_OUTBOUND_ALLOWLIST (baton.outbound.allowlist)";
  }

  private boolean allowlisted(String host) {
    if (allowlist.allowsHost(host)) {
      return true;
    }
    if (!OutboundAddresses.isIpLiteral(host)) {
      return false;
    }
    try {
      return allowlist.allowsAddress(OutboundAddresses.literal(host));
    } catch (IllegalArgumentException e) {
      return false;
    }
  }
}
