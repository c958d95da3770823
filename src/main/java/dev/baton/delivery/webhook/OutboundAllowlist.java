package dev.baton.delivery.webhook;

import java.net.InetAddress;
import java.net.UnknownHostException;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import org.jspecify.annotations.Nullable;

/**
 * Where outbound webhooks may go although the address is loopback, private, link-local or metadata:
 * {@code BATON_OUTBOUND_ALLOWLIST} ({@code baton.outbound.allowlist}), comma-separated host names
 * or CIDRs such as {@code 127.0.0.1/32} or {@code fd12::/16}. Parsing does no DNS: a CIDR must be
 * an IP literal, anything else is a host name compared as written.
 */
final class OutboundAllowlist {

  record Cidr(byte[] network, int prefix) {
    boolean contains(InetAddress address) {
      byte[] bytes = OutboundAddresses.canonical(address).getAddress();
      if (bytes.length != network.length) {
        return false;
      }
      int full = prefix / 8;
      for (int i = 0; i < full; i++) {
        if (bytes[i] != network[i]) {
          return false;
        }
      }
      int rest = prefix % 8;
      if (rest == 0) {
        return true;
      }
      int mask = (0xff << (8 - rest)) & 0xff;
      return (bytes[full] & mask) == (network[full] & mask);
    }
  }

  static final OutboundAllowlist EMPTY = new OutboundAllowlist(List.of(), List.of());

  private final List<String> hosts;
  private final List<Cidr> cidrs;

  private OutboundAllowlist(List<String> hosts, List<Cidr> cidrs) {
    this.hosts = hosts;
    this.cidrs = cidrs;
  }

  /**
   * @throws IllegalArgumentException naming an entry that is neither a host nor a CIDR
   */
  static OutboundAllowlist parse(@Nullable String list) {
    if (list == null || list.isBlank()) {
      return EMPTY;
    }
    List<String> hosts = new ArrayList<>();
    List<Cidr> cidrs = new ArrayList<>();
    for (String raw : list.split(",")) {
      String entry = raw.trim().toLowerCase(Locale.ROOT);
      if (entry.isEmpty()) {
        continue;
      }
      if (entry.contains("/")) {
        cidrs.add(cidr(entry));
      } else if (OutboundAddresses.isIpLiteral(entry)) {
        InetAddress ip = OutboundAddresses.literal(entry);
        cidrs.add(new Cidr(ip.getAddress(), ip.getAddress().length * 8));
      } else {
        hosts.add(entry);
      }
    }
    return new OutboundAllowlist(List.copyOf(hosts), List.copyOf(cidrs));
  }

  boolean allowsHost(String host) {
    return hosts.contains(host.toLowerCase(Locale.ROOT));
  }

  boolean allowsAddress(InetAddress address) {
    return cidrs.stream().anyMatch(c -> c.contains(address));
  }

  private static Cidr cidr(String entry) {
    int slash = entry.indexOf('/');
    String ip = entry.substring(0, slash);
    if (!OutboundAddresses.isIpLiteral(ip)) {
      throw new IllegalArgumentException("'" + entry + "' is not a CIDR (an IP literal/prefix)");
    }
    byte[] network = OutboundAddresses.literal(ip).getAddress();
    int prefix;
    try {
      prefix = Integer.parseInt(entry.substring(slash + 1));
    } catch (NumberFormatException e) {
      throw new IllegalArgumentException("'" + entry + "' has no numeric prefix length", e);
    }
    if (prefix < 0 || prefix > network.length * 8) {
      throw new IllegalArgumentException("'" + entry + "' has a prefix length out of range");
    }
    return new Cidr(network, prefix);
  }

  static InetAddress unchecked(byte[] bytes) {
    try {
      return InetAddress.getByAddress(bytes);
    } catch (UnknownHostException e) {
      throw new IllegalArgumentException(e);
    }
  }
}
