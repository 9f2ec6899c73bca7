package dev.formbridge.secret;

import java.security.GeneralSecurityException;
import java.util.Arrays;
import java.util.Map;
import software.amazon.awssdk.core.SdkBytes;
import software.amazon.awssdk.core.exception.SdkException;
import software.amazon.awssdk.services.kms.KmsClient;
import software.amazon.awssdk.services.kms.model.DataKeySpec;
import software.amazon.awssdk.services.kms.model.GenerateDataKeyResponse;

/**
 * Envelope encryption with AWS KMS: KMS generates a data key per secret (under the customer-managed key
 * {@code keyId}) and returns it both plain and wrapped; only the wrapped copy is stored. The context is passed to KMS
 * as encryption context, so it is checked by KMS and appears in CloudTrail.
 */
public final class KmsSecretCipher implements SecretCipher {
    public static final String KEY_ID_ENV = "FORMBRIDGE_KMS_KEY_ID";
    private static final String CONTEXT_KEY = "formbridge";

    private final KmsClient kms;
    private final String keyId;

    public KmsSecretCipher(KmsClient kms, String keyId) {
        this.kms = kms;
        this.keyId = keyId;
    }

    @Override
    public EncryptedSecret encrypt(byte[] plaintext, String context) {
        byte[] dataKey = null;
        try {
            GenerateDataKeyResponse generated = kms.generateDataKey(
                    b -> b.keyId(keyId).keySpec(DataKeySpec.AES_256).encryptionContext(Map.of(CONTEXT_KEY, context)));
            dataKey = generated.plaintext().asByteArray();
            byte[] iv = AesGcm.randomIv();
            byte[] ciphertext = AesGcm.encrypt(dataKey, iv, plaintext, context);
            return new EncryptedSecret(generated.ciphertextBlob().asByteArray(), iv, ciphertext);
        } catch (SdkException | GeneralSecurityException | IllegalArgumentException e) {
            throw new SecretCipherException("KMS encryption failed", e);
        } finally {
            if (dataKey != null) {
                Arrays.fill(dataKey, (byte) 0);
            }
        }
    }

    @Override
    public byte[] decrypt(EncryptedSecret secret, String context) {
        byte[] dataKey = null;
        try {
            dataKey = kms.decrypt(b -> b.keyId(keyId)
                            .ciphertextBlob(SdkBytes.fromByteArray(secret.wrappedKey()))
                            .encryptionContext(Map.of(CONTEXT_KEY, context)))
                    .plaintext()
                    .asByteArray();
            return AesGcm.decrypt(dataKey, secret.iv(), secret.ciphertext(), context);
        } catch (SdkException | GeneralSecurityException | IllegalArgumentException e) {
            throw new SecretCipherException("KMS decryption failed", e);
        } finally {
            if (dataKey != null) {
                Arrays.fill(dataKey, (byte) 0);
            }
        }
    }
}
