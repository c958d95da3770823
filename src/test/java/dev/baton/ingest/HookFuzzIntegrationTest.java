package dev.baton.ingest;

import static org.assertj.core.api.Assertions.assertThat;

import dev.baton.testsupport.Api;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import org.junit.jupiter.api.Test;

/**
 * Throws mutated real payloads, random bytes and random headers at every provider's hook URL,
 * signed and unsigned, and shows that no input produces a 5xx and that exactly the acknowledged
 * deliveries are stored. The seed is fixed, so a failure repeats.
 */
class HookFuzzIntegrationTest extends HookTestBase {

  private static final long SEED = 20_260_302L;
  private static final int ROUNDS_PER_PROVIDER = 60;
  private static final String[] CONTENT_TYPES = {
    "application/json",
    "application/json; charset=utf-8",
    "application/x-www-form-urlencoded",
    "text/plain",
    "application/vnd.api+json",
    "multipart/form-data; boundary=xyz",
    "",
    ";;;",
    "application/"
  };

  private final Random random = new Random(SEED);

  @Test
  void noMutatedOrRandomRequestGetsA5xxAndOnlyAcknowledgedOnesAreStored() {
    int acknowledged = 0;
    List<String> answers = new ArrayList<>();
    for (Provider provider : Provider.values()) {
      String secret = Senders.secret(provider, 1);
      String id =
          integration(acme, provider.wireName(), "fuzz-" + provider.wireName(), secret)
              .get("id")
              .asString();
      byte[] original = Senders.fixture(provider);
      for (int round = 0; round < ROUNDS_PER_PROVIDER; round++) {
        byte[] body = mutate(original);
        Map<String, String> headers =
            new LinkedHashMap<>(
                Senders.signed(
                    provider, secret, random.nextInt(4) == 0 ? original : body, clock.instant()));
        mutateHeaders(headers);
        String target =
            random.nextInt(20) == 0
                ? java.net.URLEncoder.encode(
                    garbage(1 + random.nextInt(40)), java.nio.charset.StandardCharsets.UTF_8)
                : id;
        Api.Response answer = hook(target, headers, body);
        answers.add(provider + " " + answer.status());
        assertThat(answer.status())
            .as("%s round %d: %s (headers %s)", provider, round, answer, headers.keySet())
            .isLessThan(500);
        if (stored(answer)) {
          acknowledged++;
        }
      }
    }
    assertThat(inboxRows()).isEqualTo(acknowledged);
    assertThat(answers).anyMatch(a -> a.endsWith(" 202")).anyMatch(a -> a.endsWith(" 400"));
    assertThat(answers).anyMatch(a -> a.endsWith(" 401")).anyMatch(a -> a.endsWith(" 415"));
  }

  private static boolean stored(Api.Response answer) {
    if (answer.status() == 202) {
      return true;
    }
    // a Slack request answered by the entry point is stored too; a duplicate is not stored again
    return answer.status() == 200 && !answer.body().contains("\"duplicate\"");
  }

  private byte[] mutate(byte[] original) {
    return switch (random.nextInt(6)) {
      case 0 -> original;
      case 1 -> {
        byte[] flipped = Arrays.copyOf(original, original.length);
        for (int i = 0; i <= random.nextInt(3); i++) {
          int at = random.nextInt(flipped.length);
          flipped[at] = (byte) (flipped[at] ^ (1 << random.nextInt(8)));
        }
        yield flipped;
      }
      case 2 -> Arrays.copyOf(original, random.nextInt(original.length));
      case 3 -> {
        byte[] noise = new byte[random.nextInt(2048)];
        random.nextBytes(noise);
        yield noise;
      }
      case 4 -> {
        String nested = "[".repeat(1 + random.nextInt(200));
        yield ("{\"a\":" + nested + "}").getBytes(java.nio.charset.StandardCharsets.UTF_8);
      }
      default -> {
        String text = new String(original, java.nio.charset.StandardCharsets.UTF_8);
        int at = random.nextInt(text.length());
        String inserted =
            List.of("\\u0000", "\u0000", "\\ud800", "null", "{}", "\"").get(random.nextInt(6));
        yield (text.substring(0, at) + inserted + text.substring(at))
            .getBytes(java.nio.charset.StandardCharsets.UTF_8);
      }
    };
  }

  private void mutateHeaders(Map<String, String> headers) {
    switch (random.nextInt(6)) {
      case 0 -> {}
      case 1 -> {
        List<String> names = new ArrayList<>(headers.keySet());
        headers.remove(names.get(random.nextInt(names.size())));
      }
      case 2 -> {
        List<String> names = new ArrayList<>(headers.keySet());
        headers.put(names.get(random.nextInt(names.size())), garbage(random.nextInt(300)));
      }
      case 3 -> headers.put("Content-Type", CONTENT_TYPES[random.nextInt(CONTENT_TYPES.length)]);
      case 4 ->
          headers.put("X-" + garbageToken(1 + random.nextInt(20)), garbage(random.nextInt(100)));
      default -> {
        for (String name : List.copyOf(headers.keySet())) {
          if (name.toLowerCase(java.util.Locale.ROOT).contains("timestamp")) {
            headers.put(name, Long.toString(random.nextLong()));
          }
        }
      }
    }
  }

  /** Printable ASCII, as a header value or path may hold. */
  private String garbage(int length) {
    StringBuilder text = new StringBuilder();
    for (int i = 0; i < length; i++) {
      text.append((char) ('!' + random.nextInt('~' - '!')));
    }
    return text.toString()
        .replace("/", "")
        .replace("?", "")
        .replace("#", "")
        .replace("%", "")
        .replace("\\", "");
  }

  private String garbageToken(int length) {
    StringBuilder text = new StringBuilder();
    for (int i = 0; i < length; i++) {
      text.append((char) ('a' + random.nextInt(26)));
    }
    return text.toString();
  }
}
