package dev.formbridge.secret;

import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.SecureRandom;
import javax.crypto.Cipher;
import javax.crypto.spec.GCMParameterSpec;
import javax.crypto.spec.SecretKeySpec;

/** AES-256-GCM with a random 96-bit IV and the context as additional authenticated data. */
final class AesGcm {
    static final int KEY_BYTES = 32;
    private static final int IV_BYTES = 12;
    private static final int TAG_BITS = 128;
    private static final SecureRandom RANDOM = new SecureRandom();

    private AesGcm() {}

    static byte[] randomKey() {
        byte[] key = new byte[KEY_BYTES];
        RANDOM.nextBytes(key);
        return key;
    }

    static byte[] randomIv() {
        byte[] iv = new byte[IV_BYTES];
        RANDOM.nextBytes(iv);
        return iv;
    }

    static byte[] encrypt(byte[] key, byte[] iv, byte[] plaintext, String context) throws GeneralSecurityException {
        return cipher(Cipher.ENCRYPT_MODE, key, iv, context).doFinal(plaintext);
    }

    static byte[] decrypt(byte[] key, byte[] iv, byte[] ciphertext, String context) throws GeneralSecurityException {
        return cipher(Cipher.DECRYPT_MODE, key, iv, context).doFinal(ciphertext);
    }

    private static Cipher cipher(int mode, byte[] key, byte[] iv, String context) throws GeneralSecurityException {
        Cipher cipher = Cipher.getInstance("AES/GCM/NoPadding");
        cipher.init(mode, new SecretKeySpec(key, "AES"), new GCMParameterSpec(TAG_BITS, iv));
        cipher.updateAAD(context.getBytes(StandardCharsets.UTF_8));
        return cipher;
    }
}
