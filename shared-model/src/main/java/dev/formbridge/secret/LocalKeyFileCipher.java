package dev.formbridge.secret;

import java.io.IOException;
import java.nio.file.FileAlreadyExistsException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermission;
import java.nio.file.attribute.PosixFilePermissions;
import java.security.GeneralSecurityException;
import java.util.Arrays;
import java.util.EnumSet;

/**
 * Envelope encryption for the local runtime: each secret gets a fresh data key, and the data key is wrapped with a
 * 256-bit master key kept in a local file (created with owner-only permissions on first use). The AWS twin is
 * {@link KmsSecretCipher}.
 */
public final class LocalKeyFileCipher implements SecretCipher {
    private final byte[] masterKey;

    private LocalKeyFileCipher(byte[] masterKey) {
        this.masterKey = masterKey;
    }

    /** Reads the master key from {@code keyFile}, creating a new random one there if the file does not exist. */
    public static LocalKeyFileCipher fromKeyFile(Path keyFile) {
        try {
            if (Files.notExists(keyFile)) {
                createKeyFile(keyFile);
            }
            byte[] key = Files.readAllBytes(keyFile);
            if (key.length != AesGcm.KEY_BYTES) {
                throw new IllegalStateException("the key file " + keyFile + " must hold exactly " + AesGcm.KEY_BYTES
                        + " bytes, it holds " + key.length);
            }
            return new LocalKeyFileCipher(key);
        } catch (IOException e) {
            throw new IllegalStateException("cannot read or create the local key file " + keyFile, e);
        }
    }

    /** Writes a new key to a private temporary file, then moves it into place: never readable by others, never half-written. */
    private static void createKeyFile(Path keyFile) throws IOException {
        Path dir = keyFile.toAbsolutePath().getParent();
        Files.createDirectories(dir);
        Path temp;
        try {
            temp = Files.createTempFile(
                    dir,
                    ".master",
                    ".tmp",
                    PosixFilePermissions.asFileAttribute(
                            EnumSet.of(PosixFilePermission.OWNER_READ, PosixFilePermission.OWNER_WRITE)));
        } catch (UnsupportedOperationException notPosix) {
            temp = Files.createTempFile(dir, ".master", ".tmp"); // Windows: the folder's ACL applies
        }
        try {
            Files.write(temp, AesGcm.randomKey());
            Files.move(temp, keyFile); // no REPLACE_EXISTING: a key in use is never replaced
        } catch (FileAlreadyExistsException raced) {
            // another process created it first: use theirs
        } finally {
            Files.deleteIfExists(temp);
        }
    }

    @Override
    public EncryptedSecret encrypt(byte[] plaintext, String context) {
        byte[] dataKey = AesGcm.randomKey();
        try {
            byte[] iv = AesGcm.randomIv();
            byte[] ciphertext = AesGcm.encrypt(dataKey, iv, plaintext, context);
            byte[] wrapIv = AesGcm.randomIv();
            byte[] wrapped = AesGcm.encrypt(masterKey, wrapIv, dataKey, context);
            return new EncryptedSecret(concat(wrapIv, wrapped), iv, ciphertext);
        } catch (GeneralSecurityException e) {
            throw new SecretCipherException("local encryption failed", e);
        } finally {
            Arrays.fill(dataKey, (byte) 0);
        }
    }

    @Override
    public byte[] decrypt(EncryptedSecret secret, String context) {
        byte[] wrapped = secret.wrappedKey();
        byte[] dataKey = null;
        try {
            byte[] wrapIv = Arrays.copyOfRange(wrapped, 0, 12);
            dataKey = AesGcm.decrypt(masterKey, wrapIv, Arrays.copyOfRange(wrapped, 12, wrapped.length), context);
            return AesGcm.decrypt(dataKey, secret.iv(), secret.ciphertext(), context);
        } catch (GeneralSecurityException | ArrayIndexOutOfBoundsException | IllegalArgumentException e) {
            throw new SecretCipherException("the secret does not decrypt with the local key and its context", e);
        } finally {
            if (dataKey != null) {
                Arrays.fill(dataKey, (byte) 0);
            }
        }
    }

    private static byte[] concat(byte[] a, byte[] b) {
        byte[] out = Arrays.copyOf(a, a.length + b.length);
        System.arraycopy(b, 0, out, a.length, b.length);
        return out;
    }
}
