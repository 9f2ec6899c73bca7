package dev.formbridge.secret;

import java.nio.charset.StandardCharsets;
import java.security.InvalidKeyException;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.Base64;
import java.util.List;
import java.util.Optional;
import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;

/**
 * The Standard Webhooks signature scheme, the one implementation every part of Form-Bridge uses (ingest, outbound
 * deliveries, the portal's snippets and troubleshooter, the test senders).
 *
 * <p>{@code webhook-signature: v1,<base64(HMAC-SHA256(key, id + "." + timestamp + "." + rawBody))>}; the header may hold
 * several space-separated entries and any valid one passes. The body is signed as the raw bytes on the wire, never as
 * re-serialised JSON. Comparison is constant-time.
 */
public final class WebhookSignature {
    public static final String VERSION = "v1";
    private static final String HMAC = "HmacSHA256";
    private static final int MAX_ENTRIES = 16;

    private WebhookSignature() {}

    /** The header value {@code v1,<base64>} for one secret. */
    public static String sign(SigningSecret secret, String id, long timestamp, byte[] body) {
        return VERSION + "," + Base64.getEncoder().encodeToString(mac(secret, id, timestamp, body));
    }

    /** True when any entry of {@code header} is a valid signature by {@code secret}. */
    public static boolean verify(SigningSecret secret, String header, String id, long timestamp, byte[] body) {
        return verifyAny(List.of(secret), header, id, timestamp, body).isPresent();
    }

    /**
     * Which of {@code secrets} signed the message (its index), checking every entry of the header against every
     * secret; empty when none did or the header is malformed.
     */
    public static Optional<Integer> verifyAny(
            List<SigningSecret> secrets, String header, String id, long timestamp, byte[] body) {
        if (header == null || header.isBlank() || id == null || secrets.isEmpty()) {
            return Optional.empty();
        }
        List<byte[]> candidates = parseEntries(header);
        for (int i = 0; i < secrets.size(); i++) {
            byte[] expected = mac(secrets.get(i), id, timestamp, body);
            for (byte[] candidate : candidates) {
                if (MessageDigest.isEqual(expected, candidate)) {
                    return Optional.of(i);
                }
            }
        }
        return Optional.empty();
    }

    /** The decoded {@code v1} signatures of a header; other versions and malformed entries are skipped. */
    static List<byte[]> parseEntries(String header) {
        return java.util.Arrays.stream(header.trim().split(" +"))
                .limit(MAX_ENTRIES)
                .filter(entry -> entry.startsWith(VERSION + ","))
                .map(entry -> decodeOrNull(entry.substring(VERSION.length() + 1)))
                .filter(java.util.Objects::nonNull)
                .toList();
    }

    private static byte[] decodeOrNull(String base64) {
        try {
            return Base64.getDecoder().decode(base64);
        } catch (IllegalArgumentException e) {
            return null;
        }
    }

    private static byte[] mac(SigningSecret secret, String id, long timestamp, byte[] body) {
        try {
            Mac mac = Mac.getInstance(HMAC);
            mac.init(new SecretKeySpec(secret.keyForSigning(), HMAC));
            mac.update((id + "." + timestamp + ".").getBytes(StandardCharsets.UTF_8));
            return mac.doFinal(body);
        } catch (NoSuchAlgorithmException | InvalidKeyException e) {
            throw new IllegalStateException("HmacSHA256 is part of every JDK", e);
        }
    }
}
