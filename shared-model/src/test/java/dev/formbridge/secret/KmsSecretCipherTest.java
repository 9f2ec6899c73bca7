package dev.formbridge.secret;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.formbridge.secret.SecretCipher.SecretCipherException;
import dev.formbridge.testutils.MotoServer;
import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import software.amazon.awssdk.core.SdkBytes;
import software.amazon.awssdk.services.kms.KmsClient;
import software.amazon.awssdk.services.kms.model.KeySpec;
import software.amazon.awssdk.services.kms.model.KeyUsageType;

/** Contract test of the KMS adapter against moto's KMS (a real SDK client, a real symmetric key). */
class KmsSecretCipherTest {
    private static final String CONTEXT = "ten_1/site_1/v1";
    private static final byte[] SECRET = "whsec_MfKQ9r8GKYqrTwjUPD8ILPZIo2LaLaSw".getBytes(StandardCharsets.UTF_8);

    private static KmsClient kms;
    private static String keyId;
    private static KmsSecretCipher cipher;

    @BeforeAll
    static void createKey() {
        kms = MotoServer.shared().client(KmsClient.builder());
        keyId = newSymmetricKey();
        cipher = new KmsSecretCipher(kms, keyId);
    }

    @AfterAll
    static void closeClient() {
        kms.close();
    }

    @Test
    void encrypting_then_decrypting_with_the_same_context_returns_the_original_bytes() {
        // GIVEN a secret encrypted for a context
        EncryptedSecret stored = cipher.encrypt(SECRET, CONTEXT);

        // WHEN it is decrypted with that context
        byte[] decrypted = cipher.decrypt(stored, CONTEXT);

        // THEN the bytes are the original ones
        assertThat(decrypted).isEqualTo(SECRET);
    }

    @Test
    void the_stored_secret_does_not_contain_the_plaintext() {
        // WHEN a secret is encrypted
        EncryptedSecret stored = cipher.encrypt(SECRET, CONTEXT);

        // THEN none of the stored parts holds the plaintext
        assertThat(contains(stored.ciphertext(), SECRET)).isFalse();
        assertThat(contains(stored.wrappedKey(), SECRET)).isFalse();
        assertThat(contains(stored.iv(), SECRET)).isFalse();
        assertThat(stored.ciphertext()).hasSizeGreaterThanOrEqualTo(SECRET.length);
    }

    @Test
    void decrypting_with_a_different_context_fails() {
        // GIVEN a secret encrypted for one site
        EncryptedSecret stored = cipher.encrypt(SECRET, CONTEXT);

        // WHEN it is decrypted as another site's secret
        // THEN it fails
        assertThatThrownBy(() -> cipher.decrypt(stored, "ten_1/site_2/v1")).isInstanceOf(SecretCipherException.class);
    }

    @Test
    void a_tampered_ciphertext_fails_to_decrypt() {
        // GIVEN a stored secret whose ciphertext had one bit flipped
        EncryptedSecret stored = cipher.encrypt(SECRET, CONTEXT);
        EncryptedSecret tampered =
                new EncryptedSecret(stored.wrappedKey(), stored.iv(), flipLastBit(stored.ciphertext()));

        // WHEN it is decrypted
        // THEN it fails
        assertThatThrownBy(() -> cipher.decrypt(tampered, CONTEXT)).isInstanceOf(SecretCipherException.class);
    }

    @Test
    void a_tampered_wrapped_key_fails_to_decrypt() {
        // GIVEN a stored secret whose wrapped key had one bit flipped
        EncryptedSecret stored = cipher.encrypt(SECRET, CONTEXT);
        EncryptedSecret tampered =
                new EncryptedSecret(flipLastBit(stored.wrappedKey()), stored.iv(), stored.ciphertext());

        // WHEN it is decrypted
        // THEN KMS refuses to unwrap the key, and that surfaces as a cipher failure
        assertThatThrownBy(() -> cipher.decrypt(tampered, CONTEXT)).isInstanceOf(SecretCipherException.class);
    }

    @Test
    void the_wrapped_key_is_a_kms_blob_that_unwraps_to_the_data_key_of_the_ciphertext() {
        // GIVEN a stored secret
        EncryptedSecret stored = cipher.encrypt(SECRET, CONTEXT);

        // WHEN KMS itself decrypts the wrapped key under the same encryption context
        byte[] dataKey = kms.decrypt(b -> b.ciphertextBlob(SdkBytes.fromByteArray(stored.wrappedKey()))
                        .encryptionContext(Map.of("formbridge", CONTEXT)))
                .plaintext()
                .asByteArray();

        // THEN it yields a 256-bit data key that is not stored in the clear and that decrypts the ciphertext
        assertThat(dataKey).hasSize(AesGcm.KEY_BYTES);
        assertThat(stored.wrappedKey()).isNotEqualTo(dataKey);
        assertThat(contains(stored.wrappedKey(), dataKey)).isFalse();
        assertThat(decryptWith(dataKey, stored)).isEqualTo(SECRET);
    }

    @Test
    void each_secret_gets_its_own_data_key() {
        // WHEN the same secret is encrypted twice
        EncryptedSecret first = cipher.encrypt(SECRET, CONTEXT);
        EncryptedSecret second = cipher.encrypt(SECRET, CONTEXT);

        // THEN neither the wrapped keys nor the ciphertexts repeat
        assertThat(first.wrappedKey()).isNotEqualTo(second.wrappedKey());
        assertThat(first.ciphertext()).isNotEqualTo(second.ciphertext());
    }

    @Test
    void a_secret_encrypted_under_another_kms_key_does_not_decrypt() {
        // GIVEN a secret encrypted under a different customer-managed key
        EncryptedSecret foreign = new KmsSecretCipher(kms, newSymmetricKey()).encrypt(SECRET, CONTEXT);

        // WHEN this cipher decrypts it (it names its own key id to KMS)
        // THEN it fails
        assertThatThrownBy(() -> cipher.decrypt(foreign, CONTEXT)).isInstanceOf(SecretCipherException.class);
    }

    private static String newSymmetricKey() {
        return kms.createKey(b -> b.keySpec(KeySpec.SYMMETRIC_DEFAULT).keyUsage(KeyUsageType.ENCRYPT_DECRYPT))
                .keyMetadata()
                .keyId();
    }

    private static byte[] decryptWith(byte[] dataKey, EncryptedSecret stored) {
        try {
            return AesGcm.decrypt(dataKey, stored.iv(), stored.ciphertext(), CONTEXT);
        } catch (GeneralSecurityException e) {
            throw new AssertionError("the unwrapped data key does not decrypt the ciphertext", e);
        }
    }

    private static byte[] flipLastBit(byte[] bytes) {
        byte[] copy = bytes.clone();
        copy[copy.length - 1] ^= 1;
        return copy;
    }

    private static boolean contains(byte[] haystack, byte[] needle) {
        outer:
        for (int i = 0; i + needle.length <= haystack.length; i++) {
            for (int j = 0; j < needle.length; j++) {
                if (haystack[i + j] != needle[j]) {
                    continue outer;
                }
            }
            return true;
        }
        return false;
    }
}
