package dev.baton.platform;

import com.google.crypto.tink.Aead;
import com.google.crypto.tink.InsecureSecretKeyAccess;
import com.google.crypto.tink.KeysetHandle;
import com.google.crypto.tink.RegistryConfiguration;
import com.google.crypto.tink.TinkJsonProtoKeysetFormat;
import com.google.crypto.tink.aead.AeadConfig;
import com.google.crypto.tink.aead.PredefinedAeadParameters;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.nio.file.attribute.PosixFilePermissions;
import java.security.GeneralSecurityException;
import org.jspecify.annotations.Nullable;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Encrypts the secrets Baton keeps (integration signing secrets, decision function keys) with Tink
 * AEAD (AES-256-GCM) under the master keyset, so a copy of the database alone reveals none of them.
 *
 * <p>The master keyset is a Tink JSON keyset: the value of {@code BATON_MASTER_KEY}, else the file
 * {@code BATON_MASTER_KEY_FILE}, else {@code master-key.json} under {@code BATON_DATA_DIR}, created
 * (owner-only) on first start. A keyset may hold several keys; the primary encrypts and every key
 * decrypts, which is how the master key is rotated.
 *
 * <p>Each ciphertext is bound to its context (for example {@code "acme/integration/<id>"}) as
 * associated data: a ciphertext moved to another row or tenant does not decrypt.
 */
public final class SecretBox {

  private static final Logger log = LoggerFactory.getLogger(SecretBox.class);

  private final Aead aead;

  private SecretBox(KeysetHandle keyset) {
    try {
      this.aead = keyset.getPrimitive(RegistryConfiguration.get(), Aead.class);
    } catch (GeneralSecurityException e) {
      throw new IllegalStateException("the master keyset holds no AEAD key: " + e.getMessage(), e);
    }
  }

  /** A box over a JSON keyset given as text. */
  public static SecretBox fromJson(String keysetJson) {
    register();
    try {
      return new SecretBox(
          TinkJsonProtoKeysetFormat.parseKeyset(keysetJson, InsecureSecretKeyAccess.get()));
    } catch (GeneralSecurityException | RuntimeException e) {
      throw new IllegalStateException(
          "the master key is not a Tink JSON keyset (generate one with ./baton or leave"
              + " BATON_MASTER_KEY unset to use the data folder's): "
              + e.getClass().getSimpleName(),
          e);
    }
  }

  /**
   * The box configured as described above; {@code keyFile} is read when present and otherwise
   * created with a new keyset.
   */
  public static SecretBox configured(@Nullable String keysetJson, Path keyFile) {
    if (keysetJson != null && !keysetJson.isBlank()) {
      return fromJson(keysetJson);
    }
    try {
      if (!Files.exists(keyFile)) {
        Path parent = keyFile.toAbsolutePath().getParent();
        if (parent != null) {
          Files.createDirectories(parent);
        }
        Files.writeString(keyFile, newKeysetJson(), StandardOpenOption.CREATE_NEW);
        try {
          Files.setPosixFilePermissions(keyFile, PosixFilePermissions.fromString("rw-------"));
        } catch (UnsupportedOperationException e) {
          // not a POSIX file system; the file keeps the folder's permissions
        }
        log.info("Created the master key {}; back it up with the database", keyFile);
      }
      return fromJson(Files.readString(keyFile));
    } catch (IOException e) {
      throw new UncheckedIOException("cannot read or create the master key " + keyFile, e);
    }
  }

  /** A new keyset with one AES-256-GCM key, as JSON. */
  public static String newKeysetJson() {
    register();
    try {
      return TinkJsonProtoKeysetFormat.serializeKeyset(
          KeysetHandle.generateNew(PredefinedAeadParameters.AES256_GCM),
          InsecureSecretKeyAccess.get());
    } catch (GeneralSecurityException e) {
      throw new IllegalStateException(e);
    }
  }

  /** The secret encrypted and bound to {@code context}. */
  public byte[] seal(String secret, String context) {
    try {
      return aead.encrypt(
          secret.getBytes(StandardCharsets.UTF_8), context.getBytes(StandardCharsets.UTF_8));
    } catch (GeneralSecurityException e) {
      throw new IllegalStateException("encryption failed", e);
    }
  }

  /**
   * The secret sealed under {@code context}.
   *
   * @throws IllegalStateException when the ciphertext was made by another master key or for another
   *     context
   */
  public String open(byte[] sealed, String context) {
    try {
      return new String(
          aead.decrypt(sealed, context.getBytes(StandardCharsets.UTF_8)), StandardCharsets.UTF_8);
    } catch (GeneralSecurityException e) {
      throw new IllegalStateException(
          "a stored secret does not decrypt for " + context + ": wrong master key or moved row", e);
    }
  }

  private static void register() {
    try {
      AeadConfig.register();
    } catch (GeneralSecurityException e) {
      throw new IllegalStateException(e);
    }
  }
}
