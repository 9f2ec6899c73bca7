package dev.formbridge.secret;

import java.time.Instant;
import software.amazon.awssdk.core.SdkBytes;
import software.amazon.awssdk.enhanced.dynamodb.TableSchema;
import software.amazon.awssdk.enhanced.dynamodb.mapper.StaticTableSchema;

/** The stored form of a {@link SecretVersion}: a nested document inside the item that owns the secret. */
public final class SecretVersionItem {
    public static final TableSchema<SecretVersionItem> SCHEMA = StaticTableSchema.builder(SecretVersionItem.class)
            .newItemSupplier(SecretVersionItem::new)
            .addAttribute(
                    Integer.class, a -> a.name("version").getter(i -> i.version).setter((i, v) -> i.version = v))
            .addAttribute(
                    SdkBytes.class,
                    a -> a.name("wrappedKey").getter(i -> i.wrappedKey).setter((i, v) -> i.wrappedKey = v))
            .addAttribute(SdkBytes.class, a -> a.name("iv").getter(i -> i.iv).setter((i, v) -> i.iv = v))
            .addAttribute(
                    SdkBytes.class,
                    a -> a.name("ciphertext").getter(i -> i.ciphertext).setter((i, v) -> i.ciphertext = v))
            .addAttribute(
                    Instant.class,
                    a -> a.name("createdAt").getter(i -> i.createdAt).setter((i, v) -> i.createdAt = v))
            .addAttribute(
                    Instant.class,
                    a -> a.name("validUntil").getter(i -> i.validUntil).setter((i, v) -> i.validUntil = v))
            .build();

    private Integer version;
    private SdkBytes wrappedKey;
    private SdkBytes iv;
    private SdkBytes ciphertext;
    private Instant createdAt;
    private Instant validUntil;

    public static SecretVersionItem from(SecretVersion secret) {
        SecretVersionItem item = new SecretVersionItem();
        item.version = secret.version();
        item.wrappedKey = SdkBytes.fromByteArray(secret.secret().wrappedKey());
        item.iv = SdkBytes.fromByteArray(secret.secret().iv());
        item.ciphertext = SdkBytes.fromByteArray(secret.secret().ciphertext());
        item.createdAt = secret.createdAt();
        item.validUntil = secret.validUntil();
        return item;
    }

    public SecretVersion toSecretVersion() {
        EncryptedSecret secret =
                new EncryptedSecret(wrappedKey.asByteArray(), iv.asByteArray(), ciphertext.asByteArray());
        return new SecretVersion(version, secret, createdAt, validUntil);
    }
}
