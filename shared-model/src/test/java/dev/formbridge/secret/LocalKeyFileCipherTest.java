package dev.formbridge.secret;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import dev.formbridge.secret.SecretCipher.SecretCipherException;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.FileSystems;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.security.GeneralSecurityException;
import java.util.Arrays;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class LocalKeyFileCipherTest {
    private static final String CONTEXT = "ten_1/site_1/v1";
    private static final byte[] SECRET = "whsec_MfKQ9r8GKYqrTwjUPD8ILPZIo2LaLaSw".getBytes(StandardCharsets.UTF_8);

    @TempDir
    Path dir;

    @Test
    void encrypting_then_decrypting_with_the_same_context_returns_the_original_bytes() {
        // GIVEN a cipher over a new key file
        LocalKeyFileCipher cipher = LocalKeyFileCipher.fromKeyFile(dir.resolve("master.key"));

        // WHEN a secret is encrypted and decrypted
        EncryptedSecret stored = cipher.encrypt(SECRET, CONTEXT);
        byte[] decrypted = cipher.decrypt(stored, CONTEXT);

        // THEN the bytes come back, and the stored ciphertext is not the plaintext
        assertThat(decrypted).isEqualTo(SECRET);
        assertThat(stored.ciphertext()).isNotEqualTo(SECRET);
    }

    @Test
    void a_second_cipher_from_the_same_key_file_decrypts_and_leaves_the_key_unchanged() throws IOException {
        // GIVEN a secret encrypted by a cipher that created the key file
        Path keyFile = dir.resolve("master.key");
        EncryptedSecret stored = LocalKeyFileCipher.fromKeyFile(keyFile).encrypt(SECRET, CONTEXT);
        byte[] keyBefore = Files.readAllBytes(keyFile);

        // WHEN a second cipher is made from the same file (a restart)
        byte[] decrypted = LocalKeyFileCipher.fromKeyFile(keyFile).decrypt(stored, CONTEXT);

        // THEN it decrypts the secret, and the key file was read, not replaced
        assertThat(decrypted).isEqualTo(SECRET);
        assertThat(Files.readAllBytes(keyFile)).isEqualTo(keyBefore);
    }

    @Test
    void a_cipher_with_a_different_key_file_cannot_decrypt() {
        // GIVEN a secret encrypted with one key file
        EncryptedSecret stored =
                LocalKeyFileCipher.fromKeyFile(dir.resolve("a.key")).encrypt(SECRET, CONTEXT);

        // WHEN a cipher over another key file decrypts it
        LocalKeyFileCipher other = LocalKeyFileCipher.fromKeyFile(dir.resolve("b.key"));

        // THEN it fails
        assertThatThrownBy(() -> other.decrypt(stored, CONTEXT)).isInstanceOf(SecretCipherException.class);
    }

    @Test
    void decrypting_with_a_different_context_fails() {
        // GIVEN a secret encrypted for one site
        LocalKeyFileCipher cipher = LocalKeyFileCipher.fromKeyFile(dir.resolve("master.key"));
        EncryptedSecret stored = cipher.encrypt(SECRET, CONTEXT);

        // WHEN it is decrypted as another site's secret
        // THEN it fails
        assertThatThrownBy(() -> cipher.decrypt(stored, "ten_1/site_2/v1")).isInstanceOf(SecretCipherException.class);
    }

    @Test
    void each_secret_gets_a_fresh_data_key_stored_only_wrapped_by_the_master_key()
            throws GeneralSecurityException, IOException {
        // GIVEN a cipher over a key file
        Path keyFile = dir.resolve("master.key");
        LocalKeyFileCipher cipher = LocalKeyFileCipher.fromKeyFile(keyFile);
        byte[] masterKey = Files.readAllBytes(keyFile);

        // WHEN the same secret is encrypted twice
        byte[] first = unwrap(masterKey, cipher.encrypt(SECRET, CONTEXT));
        byte[] second = unwrap(masterKey, cipher.encrypt(SECRET, CONTEXT));

        // THEN each wrapped key unwraps (IV, then AES-GCM under the master key) to its own 256-bit data key
        assertThat(first).hasSize(32).isNotEqualTo(masterKey).isNotEqualTo(second);
    }

    @Test
    void a_tampered_ciphertext_or_a_truncated_wrapped_key_fails_as_a_cipher_error() {
        // GIVEN a stored secret, once with a flipped bit in the ciphertext and once with a cut-off wrapped key
        LocalKeyFileCipher cipher = LocalKeyFileCipher.fromKeyFile(dir.resolve("master.key"));
        EncryptedSecret stored = cipher.encrypt(SECRET, CONTEXT);
        byte[] flipped = stored.ciphertext();
        flipped[0] ^= 1;
        EncryptedSecret tampered = new EncryptedSecret(stored.wrappedKey(), stored.iv(), flipped);
        EncryptedSecret truncated =
                new EncryptedSecret(Arrays.copyOf(stored.wrappedKey(), 5), stored.iv(), stored.ciphertext());

        // WHEN they are decrypted
        // THEN both fail with the port's exception, not a raw runtime error
        assertThatThrownBy(() -> cipher.decrypt(tampered, CONTEXT)).isInstanceOf(SecretCipherException.class);
        assertThatThrownBy(() -> cipher.decrypt(truncated, CONTEXT)).isInstanceOf(SecretCipherException.class);
    }

    @Test
    void the_key_file_is_created_with_32_random_bytes_readable_by_the_owner_only() throws IOException {
        assumeTrue(FileSystems.getDefault().supportedFileAttributeViews().contains("posix"), "POSIX file system");
        // GIVEN no key file yet, not even its folder
        Path keyFile = dir.resolve("keys/master.key");

        // WHEN a cipher is made from it
        LocalKeyFileCipher.fromKeyFile(keyFile);

        // THEN the file holds 32 bytes, and only its owner may read or write it
        assertThat(Files.readAllBytes(keyFile)).hasSize(32).isNotEqualTo(new byte[32]);
        assertThat(PosixFilePermissions.toString(Files.getPosixFilePermissions(keyFile)))
                .isEqualTo("rw-------");
    }

    @Test
    void a_key_file_of_the_wrong_length_is_rejected_with_a_clear_message() throws IOException {
        // GIVEN a key file holding 16 bytes (an AES-128 key)
        Path keyFile = dir.resolve("short.key");
        Files.write(keyFile, new byte[16]);

        // WHEN a cipher is made from it
        // THEN it is refused, saying which file, what length is needed and what it holds
        assertThatThrownBy(() -> LocalKeyFileCipher.fromKeyFile(keyFile))
                .isInstanceOf(IllegalStateException.class)
                .hasMessageContaining(keyFile.toString())
                .hasMessageContaining("exactly 32 bytes")
                .hasMessageContaining("holds 16");
    }

    private static byte[] unwrap(byte[] masterKey, EncryptedSecret stored) throws GeneralSecurityException {
        byte[] wrapped = stored.wrappedKey();
        byte[] iv = Arrays.copyOfRange(wrapped, 0, 12);
        return AesGcm.decrypt(masterKey, iv, Arrays.copyOfRange(wrapped, 12, wrapped.length), CONTEXT);
    }
}
