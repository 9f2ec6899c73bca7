package dev.formbridge.team;

import dev.formbridge.Ids;
import dev.formbridge.tenant.TenantId;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.security.SecureRandom;
import java.util.Base64;
import java.util.Optional;
import java.util.regex.Pattern;

/**
 * The token in an invitation link: {@code fbi_<tenant ULID>_<43 url-safe characters>}. The tenant part lets accepting
 * find the tenant's invitations without a scan; the secret part (256 random bits) proves the holder was sent the link.
 * Only the SHA-256 of the secret part is stored.
 */
record InvitationToken(TenantId tenantId, String secret) {
    static final String PREFIX = "fbi_";
    private static final int SECRET_BYTES = 32;
    private static final Pattern SECRET = Pattern.compile("[A-Za-z0-9_-]{43}");
    private static final int LENGTH = PREFIX.length() + 26 + 1 + 43;
    private static final SecureRandom RANDOM = new SecureRandom();

    static InvitationToken generate(TenantId tenantId) {
        byte[] bytes = new byte[SECRET_BYTES];
        RANDOM.nextBytes(bytes);
        return new InvitationToken(
                tenantId, Base64.getUrlEncoder().withoutPadding().encodeToString(bytes));
    }

    /** Parses what a user brought; empty when it is not shaped like a token (callers treat that as unknown). */
    static Optional<InvitationToken> parse(String text) {
        if (text == null) {
            return Optional.empty();
        }
        String value = text.strip();
        if (value.length() != LENGTH || !value.startsWith(PREFIX) || value.charAt(PREFIX.length() + 26) != '_') {
            return Optional.empty();
        }
        String tenant = value.substring(PREFIX.length(), PREFIX.length() + 26);
        String secret = value.substring(PREFIX.length() + 27);
        if (!Ids.isUlid(tenant) || !SECRET.matcher(secret).matches()) {
            return Optional.empty();
        }
        return Optional.of(new InvitationToken(new TenantId(TenantId.PREFIX + tenant), secret));
    }

    String value() {
        return PREFIX + Ids.ulidOf(TenantId.PREFIX, tenantId.value()) + "_" + secret;
    }

    /** What is stored in place of the secret. */
    byte[] secretHash() {
        try {
            return MessageDigest.getInstance("SHA-256").digest(secret.getBytes(StandardCharsets.US_ASCII));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("every Java runtime has SHA-256", e);
        }
    }

    /** Compares in constant time, so response times tell nothing about how much of a guess was right. */
    boolean matches(byte[] storedHash) {
        return MessageDigest.isEqual(secretHash(), storedHash);
    }

    @Override
    public String toString() {
        return "InvitationToken[" + tenantId + ", secret hidden]";
    }
}
