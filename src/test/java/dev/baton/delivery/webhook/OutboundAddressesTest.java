package dev.baton.delivery.webhook;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.ValueSource;

/** The SSRF guard's view of addresses and URLs. */
class OutboundAddressesTest {

  @ParameterizedTest(name = "{0} is {1}")
  @CsvSource({
    "127.0.0.1, a loopback address",
    "127.255.0.9, a loopback address",
    "::1, a loopback address",
    "10.0.0.1, a private address",
    "172.16.0.1, a private address",
    "172.31.255.255, a private address",
    "192.168.1.1, a private address",
    "100.64.0.1, a private address",
    "fc00::1, a private address",
    "fd12:3456::1, a private address",
    "169.254.10.1, a link-local address",
    "fe80::1, a link-local address",
    "febf::1, a link-local address",
    "169.254.169.254, a cloud metadata address",
    "fd00:ec2::254, a cloud metadata address",
    "0.0.0.0, an unspecified address",
    "0.1.2.3, an unspecified address",
    "::, an unspecified address",
    "224.0.0.1, a multicast address",
    "ff02::1, a multicast address",
    "255.255.255.255, a reserved or broadcast address",
    "::ffff:127.0.0.1, a loopback address",
    "::ffff:10.1.2.3, a private address",
    "::ffff:169.254.169.254, a cloud metadata address",
    "::127.0.0.1, a loopback address"
  })
  void refusesNonPublicAddresses(String address, String kind) {
    assertThat(OutboundAddresses.refusal(OutboundAddresses.literal(address))).isEqualTo(kind);
  }

  @ParameterizedTest
  @ValueSource(
      strings = {
        "8.8.8.8",
        "1.1.1.1",
        "172.15.0.1",
        "172.32.0.1",
        "100.128.0.1",
        "2606:4700:4700::1111",
        "::ffff:8.8.8.8",
        "193.0.6.139"
      })
  void acceptsPublicAddresses(String address) {
    assertThat(OutboundAddresses.refusal(OutboundAddresses.literal(address))).isNull();
  }

  @Test
  void theAllowListTakesHostsAndCidrs() {
    OutboundAllowlist list =
        OutboundAllowlist.parse(
            " 127.0.0.1/32, 10.1.0.0/16 ,hooks.internal, fd12::/16, 192.168.0.7");

    assertThat(list.allowsAddress(OutboundAddresses.literal("127.0.0.1"))).isTrue();
    assertThat(list.allowsAddress(OutboundAddresses.literal("127.0.0.2"))).isFalse();
    assertThat(list.allowsAddress(OutboundAddresses.literal("10.1.200.3"))).isTrue();
    assertThat(list.allowsAddress(OutboundAddresses.literal("10.2.0.1"))).isFalse();
    assertThat(list.allowsAddress(OutboundAddresses.literal("::ffff:10.1.0.9"))).isTrue();
    assertThat(list.allowsAddress(OutboundAddresses.literal("fd12:1::1"))).isTrue();
    assertThat(list.allowsAddress(OutboundAddresses.literal("fd13::1"))).isFalse();
    assertThat(list.allowsAddress(OutboundAddresses.literal("192.168.0.7"))).isTrue();
    assertThat(list.allowsHost("Hooks.Internal")).isTrue();
    assertThat(list.allowsHost("hooks.external")).isFalse();
  }

  @Test
  void aMalformedAllowListEntryIsRefused() {
    assertThatThrownBy(() -> OutboundAllowlist.parse("10.0.0.0/40"))
        .isInstanceOf(IllegalArgumentException.class);
    assertThatThrownBy(() -> OutboundAllowlist.parse("example.com/8"))
        .isInstanceOf(IllegalArgumentException.class);
  }

  @Test
  void urlsAreCheckedWithoutDns() {
    OutboundGuard guard = new OutboundGuard(OutboundAllowlist.parse("127.0.0.1/32,hooks.internal"));

    assertThat(guard.urlProblem("https://hooks.example.com/baton")).isNull();
    assertThat(guard.urlProblem("https://unresolvable.invalid/x")).isNull();
    assertThat(guard.urlProblem("http://127.0.0.1:8080/hook")).isNull();
    assertThat(guard.urlProblem("http://hooks.internal/hook")).isNull();
    assertThat(guard.urlProblem("http://hooks.example.com/baton")).contains("https");
    assertThat(guard.urlProblem("https://10.0.0.5/hook")).contains("a private address");
    assertThat(guard.urlProblem("https://[::1]/hook")).contains("a loopback address");
    assertThat(guard.urlProblem("https://169.254.169.254/latest")).contains("metadata");
    assertThat(guard.urlProblem("https://user:pw@hooks.example.com/")).contains("credentials");
    assertThat(guard.urlProblem("/relative")).contains("absolute");
    assertThat(guard.urlProblem("ftp://hooks.example.com/")).contains("https");
  }

  @Test
  void resolvingRefusesLoopbackUnlessAllowListed() {
    assertThat(new OutboundGuard(OutboundAllowlist.EMPTY).resolve("127.0.0.1"))
        .isInstanceOf(OutboundGuard.Resolution.Refused.class);
    assertThat(new OutboundGuard(OutboundAllowlist.EMPTY).resolve("localhost"))
        .isInstanceOf(OutboundGuard.Resolution.Refused.class);
    assertThat(new OutboundGuard(OutboundAllowlist.parse("127.0.0.1/32")).resolve("127.0.0.1"))
        .isInstanceOf(OutboundGuard.Resolution.Allowed.class);
  }
}
