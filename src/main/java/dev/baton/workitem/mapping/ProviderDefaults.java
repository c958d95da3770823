package dev.baton.workitem.mapping;

import dev.baton.ingest.Provider;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.EnumMap;
import java.util.Map;

/**
 * The mapping table each provider starts with, so a new integration works before anyone writes one:
 * Jira priority names to P1–P5, GitHub's {@code bug} label to type bug, CI failures to type
 * build_failure, and so on. Each is a document under {@code src/main/resources/mapping-defaults/}
 * read by the same parser as tenants' tables.
 */
public final class ProviderDefaults {

  private static final Map<Provider, MappingTable> TABLES = load();

  private ProviderDefaults() {}

  /** The provider's default table; Slack, which sends no items, has an empty one. */
  public static MappingTable of(Provider provider) {
    return TABLES.getOrDefault(provider, MappingTable.EMPTY);
  }

  private static Map<Provider, MappingTable> load() {
    Map<Provider, MappingTable> tables = new EnumMap<>(Provider.class);
    for (Provider provider : Provider.values()) {
      if (provider != Provider.SLACK) {
        tables.put(provider, MappingParser.parse(read(file(provider))));
      }
    }
    return tables;
  }

  /** Standard Webhooks senders are read by the generic parser, so they share its defaults. */
  private static String file(Provider provider) {
    return switch (provider) {
      case STANDARD_WEBHOOKS, GENERIC -> "generic";
      default -> provider.wireName();
    };
  }

  private static String read(String name) {
    String resource = "/mapping-defaults/" + name + ".yaml";
    try (InputStream in = ProviderDefaults.class.getResourceAsStream(resource)) {
      if (in == null) {
        throw new IllegalStateException(resource + " is missing from the classpath");
      }
      return new String(in.readAllBytes(), StandardCharsets.UTF_8);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }
}
