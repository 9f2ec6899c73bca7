package dev.formbridge;

import com.github.f4b6a3.ulid.Ulid;
import com.github.f4b6a3.ulid.UlidCreator;
import java.time.Instant;

/** Creates and checks typed ids: a short prefix, an underscore and a ULID (time-ordered, 26 Crockford characters). */
public final class Ids {
    /**
     * A ULID here is {@value #ULID_PATTERN}: 26 upper-case Crockford characters whose first is at most 7, so 48 bits of
     * time and 80 random, no more (the spec's maximum). Checked with a table, not the regex: every request builds
     * several typed ids, and the regex showed in the local runtime's CPU profile (docs/benchmarks.md, Decisions,
     * fifth pass). {@code IdsTest} holds the table to the pattern.
     */
    public static final String ULID_PATTERN = "[0-7][0-9A-HJKMNP-TV-Z]{25}";

    private static final int ULID_LENGTH = 26;
    private static final boolean[] CROCKFORD = new boolean[128];

    static {
        for (char c : "0123456789ABCDEFGHJKMNPQRSTVWXYZ".toCharArray()) {
            CROCKFORD[c] = true;
        }
    }

    private Ids() {}

    /** A new id with the given prefix, for example {@code ten_01JDX3W8Q5ZK2N4B7C9D1E3F5G}. */
    public static String next(String prefix) {
        return prefix + UlidCreator.getMonotonicUlid();
    }

    /**
     * A new id with the given prefix whose ULID carries {@code time} to the millisecond, exactly (80 random bits below
     * it, not the monotonic counter, which may reuse an earlier millisecond when two threads race).
     */
    public static String at(String prefix, Instant time) {
        return prefix + UlidCreator.getUlid(time.toEpochMilli());
    }

    /** The time the ULID of a well-formed id carries, to the millisecond (its typed id checked it when made). */
    public static Instant timeOf(String prefix, String id) {
        return Ulid.getInstant(ulidOf(prefix, id));
    }

    /** Returns {@code value} if it is a well-formed id with {@code prefix}, or throws with a message naming the kind. */
    public static String require(String prefix, String value) {
        if (value == null || !value.startsWith(prefix) || !isUlid(value, prefix.length())) {
            throw new IllegalArgumentException("not a valid " + prefix + "… id: " + abbreviate(value));
        }
        return value;
    }

    /** The ULID part of an id, without its prefix. */
    public static String ulidOf(String prefix, String id) {
        return id.substring(prefix.length());
    }

    /** Whether {@code text} is a ULID as {@value #ULID_PATTERN} describes. */
    public static boolean isUlid(CharSequence text) {
        return text != null && isUlid(text, 0);
    }

    private static boolean isUlid(CharSequence text, int from) {
        if (text.length() - from != ULID_LENGTH || text.charAt(from) < '0' || text.charAt(from) > '7') {
            return false;
        }
        for (int i = from + 1; i < text.length(); i++) {
            char c = text.charAt(i);
            if (c >= CROCKFORD.length || !CROCKFORD[c]) {
                return false;
            }
        }
        return true;
    }

    private static String abbreviate(String value) {
        if (value == null) {
            return "null";
        }
        return value.length() <= 64 ? value : value.substring(0, 64) + "…";
    }
}
