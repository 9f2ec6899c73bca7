package dev.formbridge.audit;

import java.io.ByteArrayOutputStream;
import java.io.DataOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;

/**
 * The hash of an audit event: hex SHA-256 over a canonical encoding of every field but the hash itself, in a fixed
 * order. Each field is a presence byte, then (if present) its UTF-8 length as four bytes and the bytes, so no two
 * different events encode alike: field boundaries cannot shift and null differs from "".
 */
final class AuditHash {
    /** The {@code prevHash} of a tenant's first event. */
    static final String GENESIS = "0".repeat(64);

    private static final String VERSION = "audit-v1";

    private AuditHash() {}

    static String of(AuditEvent event) {
        ByteArrayOutputStream bytes = new ByteArrayOutputStream(256);
        try (DataOutputStream out = new DataOutputStream(bytes)) {
            for (String field : fields(event)) {
                write(out, field);
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e); // a ByteArrayOutputStream does not fail
        }
        return HexFormat.of().formatHex(sha256(bytes.toByteArray()));
    }

    private static String[] fields(AuditEvent e) {
        return new String[] {
            VERSION,
            e.tenantId() == null ? null : e.tenantId().value(),
            Long.toString(e.seq()),
            e.at() == null ? null : e.at().toString(),
            e.actor(),
            e.action(),
            e.target(),
            e.before(),
            e.after(),
            e.ip(),
            e.userAgent(),
            e.prevHash()
        };
    }

    private static void write(DataOutputStream out, String field) throws IOException {
        if (field == null) {
            out.writeByte(0);
            return;
        }
        byte[] utf8 = field.getBytes(StandardCharsets.UTF_8);
        out.writeByte(1);
        out.writeInt(utf8.length);
        out.write(utf8);
    }

    private static byte[] sha256(byte[] input) {
        try {
            return MessageDigest.getInstance("SHA-256").digest(input);
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("every Java runtime has SHA-256", e);
        }
    }
}
