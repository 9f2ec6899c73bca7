package dev.formbridge.secret;

/**
 * A secret under envelope encryption: {@code ciphertext} is the secret encrypted (AES-GCM, {@code iv}) with a data key,
 * and {@code wrappedKey} is that data key encrypted by the master key (KMS in AWS, a local key file locally).
 */
public record EncryptedSecret(byte[] wrappedKey, byte[] iv, byte[] ciphertext) {
    public EncryptedSecret {
        wrappedKey = wrappedKey.clone();
        iv = iv.clone();
        ciphertext = ciphertext.clone();
    }

    @Override
    public byte[] wrappedKey() {
        return wrappedKey.clone();
    }

    @Override
    public byte[] iv() {
        return iv.clone();
    }

    @Override
    public byte[] ciphertext() {
        return ciphertext.clone();
    }

    @Override
    public String toString() {
        return "EncryptedSecret[" + ciphertext.length + " bytes]";
    }
}
