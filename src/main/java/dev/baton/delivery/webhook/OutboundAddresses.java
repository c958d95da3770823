package dev.baton.delivery.webhook;

import java.net.Inet4Address;
import java.net.Inet6Address;
import java.net.InetAddress;
import java.net.UnknownHostException;
import java.util.regex.Pattern;
import org.jspecify.annotations.Nullable;

/**
 * The SSRF guard's classification of an address: loopback, private (RFC 1918, fc00::/7, 100.64/10
 * carrier-grade NAT), link-local (169.254/16, fe80::/10), cloud metadata (169.254.169.254,
 * fd00:ec2::254), unspecified, multicast and broadcast addresses are not for webhooks. IPv4-mapped
 * and IPv4-compatible IPv6 addresses are judged as the IPv4 address inside them.
 */
final class OutboundAddresses {

  private static final Pattern IPV4 = Pattern.compile("\\d{1,3}(\\.\\d{1,3}){3}");
  private static final InetAddress AWS_V6_METADATA = literal("fd00:ec2::254");

  private OutboundAddresses() {}

  /** Why {@code address} is refused; null for a public address. */
  static @Nullable String refusal(InetAddress address) {
    InetAddress a = canonical(address);
    byte[] b = a.getAddress();
    if (a instanceof Inet4Address) {
      int b0 = b[0] & 0xff;
      int b1 = b[1] & 0xff;
      if (b0 == 169 && b1 == 254 && (b[2] & 0xff) == 169 && (b[3] & 0xff) == 254) {
        return "a cloud metadata address";
      }
      if (a.isAnyLocalAddress() || b0 == 0) {
        return "an unspecified address";
      }
      if (a.isLoopbackAddress()) {
        return "a loopback address";
      }
      if (a.isLinkLocalAddress()) {
        return "a link-local address";
      }
      if (a.isSiteLocalAddress() || (b0 == 100 && (b1 & 0xc0) == 64)) {
        return "a private address";
      }
      if (a.isMulticastAddress() || b0 >= 240) {
        return b0 >= 240 ? "a reserved or broadcast address" : "a multicast address";
      }
      return null;
    }
    if (a.equals(AWS_V6_METADATA)) {
      return "a cloud metadata address";
    }
    if (a.isAnyLocalAddress()) {
      return "an unspecified address";
    }
    if (a.isLoopbackAddress()) {
      return "a loopback address";
    }
    int b0 = b[0] & 0xff;
    if (a.isLinkLocalAddress() || (b0 == 0xfe && (b[1] & 0xc0) == 0x80)) {
      return "a link-local address";
    }
    if ((b0 & 0xfe) == 0xfc || a.isSiteLocalAddress()) {
      return "a private address";
    }
    if (a.isMulticastAddress()) {
      return "a multicast address";
    }
    return null;
  }

  /** The IPv4 address inside an IPv4-mapped (::ffff:a.b.c.d) or -compatible (::a.b.c.d) one. */
  static InetAddress canonical(InetAddress address) {
    if (address instanceof Inet6Address) {
      byte[] b = address.getAddress();
      boolean zeros = true;
      for (int i = 0; i < 10; i++) {
        zeros &= b[i] == 0;
      }
      boolean mapped = zeros && (b[10] & 0xff) == 0xff && (b[11] & 0xff) == 0xff;
      boolean compatible =
          zeros && b[10] == 0 && b[11] == 0 && ((b[12] | b[13] | b[14]) != 0 || (b[15] & 0xff) > 1);
      if (mapped || compatible) {
        return OutboundAllowlist.unchecked(java.util.Arrays.copyOfRange(b, 12, 16));
      }
    }
    return address;
  }

  /** Whether {@code host} (as in a URL, IPv6 with or without brackets) is an IP literal. */
  static boolean isIpLiteral(String host) {
    String h = unbracket(host);
    return IPV4.matcher(h).matches() || (h.contains(":") && h.matches("[0-9a-fA-F:.%a-zA-Z]+"));
  }

  /**
   * The address an IP literal names; never a DNS lookup (only called for {@link #isIpLiteral}).
   *
   * @throws IllegalArgumentException when it is not a valid literal
   */
  static InetAddress literal(String host) {
    String h = unbracket(host);
    if (!isIpLiteral(h)) {
      throw new IllegalArgumentException("'" + host + "' is not an IP address");
    }
    if (IPV4.matcher(h).matches()) {
      String[] parts = h.split("\\.");
      byte[] bytes = new byte[4];
      for (int i = 0; i < 4; i++) {
        int v = Integer.parseInt(parts[i]);
        if (v > 255) {
          throw new IllegalArgumentException("'" + host + "' is not an IP address");
        }
        bytes[i] = (byte) v;
      }
      return OutboundAllowlist.unchecked(bytes);
    }
    try {
      // with a colon and no dots outside IPv4 tails, the JDK parses it as a literal without DNS
      return InetAddress.getByName("[" + h + "]");
    } catch (UnknownHostException e) {
      throw new IllegalArgumentException("'" + host + "' is not an IP address", e);
    }
  }

  private static String unbracket(String host) {
    return host.startsWith("[") && host.endsWith("]") ? host.substring(1, host.length() - 1) : host;
  }
}
