package dev.baton.ingest;

import java.util.Locale;
import org.jspecify.annotations.Nullable;

/**
 * The body formats each provider sends: JSON everywhere, and for Slack also the form bodies of
 * slash commands and interactions. Parameters such as {@code charset} are ignored.
 */
final class HookContentTypes {

  static final String JSON = "application/json";
  static final String FORM = "application/x-www-form-urlencoded";

  private HookContentTypes() {}

  /**
   * The request's media type, lowercased and without parameters, when the provider sends it.
   *
   * @throws HookRejected with reason content_type otherwise
   */
  static String check(Provider provider, @Nullable String contentType) {
    String mediaType = mediaType(contentType);
    boolean fits = isJson(mediaType) || (provider == Provider.SLACK && mediaType.equals(FORM));
    if (!fits) {
      throw new HookRejected(
          HookRejected.Reason.CONTENT_TYPE,
          provider.wireName(),
          "content type '"
              + (contentType == null ? "" : DeliveryText.clean(contentType))
              + "' is not accepted: "
              + provider.wireName()
              + " webhooks are "
              + (provider == Provider.SLACK ? JSON + " or " + FORM : JSON));
    }
    return mediaType;
  }

  /** {@code application/json} or a structured {@code application/…+json} type. */
  static boolean isJson(String mediaType) {
    return mediaType.equals(JSON)
        || (mediaType.startsWith("application/") && mediaType.endsWith("+json"));
  }

  private static String mediaType(@Nullable String contentType) {
    if (contentType == null) {
      return "";
    }
    int semicolon = contentType.indexOf(';');
    String type = semicolon < 0 ? contentType : contentType.substring(0, semicolon);
    return type.strip().toLowerCase(Locale.ROOT);
  }
}
