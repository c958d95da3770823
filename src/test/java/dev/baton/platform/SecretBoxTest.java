package dev.baton.platform;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class SecretBoxTest {

  private final SecretBox box = SecretBox.fromJson(SecretBox.newKeysetJson());

  @Test
  void aSealedSecretOpensUnderItsContext() {
    byte[] sealed = box.seal("whsec_abc", "acme/integration/1");

    assertThat(new String(sealed, StandardCharsets.ISO_8859_1)).doesNotContain("whsec_abc");
    assertThat(box.open(sealed, "acme/integration/1")).isEqualTo("whsec_abc");
  }

  @Test
  void aCiphertextMovedToAnotherContextDoesNotOpen() {
    byte[] sealed = box.seal("whsec_abc", "acme/integration/1");

    assertThatThrownBy(() -> box.open(sealed, "globex/integration/1"))
        .isInstanceOf(IllegalStateException.class)
        .hasMessageContaining("globex/integration/1")
        .hasMessageNotContaining("whsec_abc");
  }

  @Test
  void anotherMasterKeyCannotOpenIt() {
    byte[] sealed = box.seal("whsec_abc", "ctx");
    SecretBox other = SecretBox.fromJson(SecretBox.newKeysetJson());

    assertThatThrownBy(() -> other.open(sealed, "ctx")).isInstanceOf(IllegalStateException.class);
  }

  @Test
  void theKeyFileIsCreatedOwnerOnlyAndReusedOnTheNextStart(@TempDir Path dir) throws Exception {
    Path file = dir.resolve("data/master-key.json");

    byte[] sealed = SecretBox.configured(null, file).seal("s", "ctx");

    assertThat(Files.getPosixFilePermissions(file))
        .isEqualTo(PosixFilePermissions.fromString("rw-------"));
    assertThat(SecretBox.configured("", file).open(sealed, "ctx")).isEqualTo("s");
  }

  @Test
  void aConfiguredKeyWinsOverTheFile(@TempDir Path dir) {
    String keyset = SecretBox.newKeysetJson();
    byte[] sealed = SecretBox.fromJson(keyset).seal("s", "ctx");

    assertThat(SecretBox.configured(keyset, dir.resolve("unused.json")).open(sealed, "ctx"))
        .isEqualTo("s");
    assertThat(dir.resolve("unused.json")).doesNotExist();
  }

  @Test
  void aMalformedKeyIsAClearStartupError() {
    assertThatThrownBy(() -> SecretBox.fromJson("not a keyset"))
        .isInstanceOf(IllegalStateException.class)
        .hasMessageContaining("Tink JSON keyset");
  }
}
