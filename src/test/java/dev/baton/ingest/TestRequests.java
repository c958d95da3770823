package dev.baton.ingest;

import java.nio.charset.StandardCharsets;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/** Signs test requests independently of the code under test (javax.crypto directly). */
final class TestRequests {

  private TestRequests() {}

  static String hmacHex(String secret, byte[]... parts) {
    return HexFormat.of().formatHex(hmac(secret.getBytes(StandardCharsets.UTF_8), parts));
  }

  static byte[] hmac(byte[] key, byte[]... parts) {
    try {
      javax.crypto.Mac mac = javax.crypto.Mac.getInstance("HmacSHA256");
      mac.init(new javax.crypto.spec.SecretKeySpec(key, "HmacSHA256"));
      for (byte[] part : parts) {
        mac.update(part);
      }
      return mac.doFinal();
    } catch (java.security.GeneralSecurityException e) {
      throw new IllegalStateException(e);
    }
  }

  static byte[] utf8(String text) {
    return text.getBytes(StandardCharsets.UTF_8);
  }

  /** A mutable header map, so a test can remove or spoil one header. */
  static Map<String, List<String>> headers(String... namesAndValues) {
    Map<String, List<String>> headers = new LinkedHashMap<>();
    for (int i = 0; i < namesAndValues.length; i += 2) {
      headers.put(namesAndValues[i], List.of(namesAndValues[i + 1]));
    }
    return headers;
  }
}
